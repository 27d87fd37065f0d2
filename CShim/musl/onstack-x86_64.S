/* int fx_call_on_stack(void (*fn)(void *), void *arg, void *top)
 * (onstack.h). The caller's stack pointer is kept in %rbx, callee-saved,
 * so fn returns to a frame that knows where to go back to. Backtraces are
 * taken before the switch (preload/failure.c): nothing needs to unwind
 * through here. */
	.text
	.globl	fx_call_on_stack
	.hidden	fx_call_on_stack
	.type	fx_call_on_stack, @function
fx_call_on_stack:
	.cfi_startproc
	pushq	%rbx
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbx, 0
	movq	%rsp, %rbx
	.cfi_def_cfa_register %rbx
	movq	%rdx, %rsp
	movq	%rdi, %rax
	movq	%rsi, %rdi
	call	*%rax
	movq	%rbx, %rsp
	.cfi_def_cfa_register %rsp
	popq	%rbx
	.cfi_adjust_cfa_offset -8
	.cfi_restore %rbx
	xorl	%eax, %eax
	ret
	.cfi_endproc
	.size	fx_call_on_stack, .-fx_call_on_stack

	.section .note.GNU-stack,"",@progbits
