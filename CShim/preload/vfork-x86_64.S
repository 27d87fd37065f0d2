/* vfork for the preload: the child borrows the parent's stack until it
 * execs or exits, so nothing may be kept on it across the syscall. As in
 * glibc's sysdeps/unix/sysv/linux/x86_64/vfork.S, the return address is
 * popped into %rdi (vfork takes no argument) and pushed back afterwards.
 * On failure, or with a failure injected, we tail-call C with the caller's
 * stack intact. */
	/* The C symbols used below are declared in vfork_stub.h. */
	.text
	.globl	vfork
	.type	vfork, @function
	.hidden	fx_vfork_failed
	.hidden	fx_inject_vfork
	.hidden	fx_prepared
	.hidden	fx_prepare
vfork:
	.cfi_startproc
	/* A first task creation maps the snapshot buffer, before the child
	 * shares our stack: a plain call, 16-byte aligned. */
	movl	fx_prepared(%rip), %eax
	testl	%eax, %eax
	jnz	.Lready
	subq	$8, %rsp
	.cfi_adjust_cfa_offset 8
	call	fx_prepare
	addq	$8, %rsp
	.cfi_adjust_cfa_offset -8
.Lready:
	movl	fx_inject_vfork(%rip), %eax
	testl	%eax, %eax
	jnz	.Linject
	popq	%rdi
	.cfi_adjust_cfa_offset -8
	.cfi_register %rip, %rdi
	movl	$58, %eax		/* SYS_vfork */
	syscall
	pushq	%rdi
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rip, 0
	cmpq	$-4095, %rax
	jae	.Lerror
	ret
.Lerror:
	negl	%eax
.Linject:
	movl	%eax, %edi
	jmp	fx_vfork_failed
	.cfi_endproc
	.size	vfork, .-vfork

	.section .note.GNU-stack,"",@progbits
