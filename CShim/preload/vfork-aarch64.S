/* vfork for the preload on aarch64: the return address lives in x30, not
 * on the shared stack, so the child cannot clobber it. aarch64 has no
 * vfork system call: as glibc's sysdeps/unix/sysv/linux/aarch64/vfork.S,
 * this is clone(CLONE_VM | CLONE_VFORK | SIGCHLD, ...), with a stack of 0
 * where glibc passes sp: both leave the child on the parent's sp
 * (docs/kernel-facts.md §7.1). Tests/platforms single-steps it under
 * qemu. On failure, or with a failure injected, we tail-call C. */
	/* The C symbols used below are declared in vfork_stub.h. */
	.text
	.globl	vfork
	.type	vfork, %function
	.hidden	fx_vfork_failed
	.hidden	fx_inject_vfork
	.hidden	fx_prepared
	.hidden	fx_prepare
vfork:
	.cfi_startproc
	/* A first task creation maps the snapshot buffer, before the child
	 * shares our stack; x30 is saved around the call. */
	adrp	x9, fx_prepared
	ldr	w9, [x9, :lo12:fx_prepared]
	cbnz	w9, .Lready
	stp	x29, x30, [sp, #-16]!
	.cfi_adjust_cfa_offset 16
	.cfi_rel_offset x29, 0
	.cfi_rel_offset x30, 8
	mov	x29, sp
	bl	fx_prepare
	ldp	x29, x30, [sp], #16
	.cfi_adjust_cfa_offset -16
	.cfi_restore x29
	.cfi_restore x30
.Lready:
	adrp	x9, fx_inject_vfork
	ldr	w0, [x9, :lo12:fx_inject_vfork]
	cbnz	w0, .Linject
	mov	x0, #0x4111		/* CLONE_VM | CLONE_VFORK | SIGCHLD */
	mov	x1, #0
	mov	x2, #0
	mov	x3, #0
	mov	x4, #0
	mov	x8, #220		/* SYS_clone */
	svc	#0
	cmn	x0, #4095
	b.cs	.Lerror
	ret
.Lerror:
	neg	w0, w0
.Linject:
	b	fx_vfork_failed
	.cfi_endproc
	.size	vfork, .-vfork

	.section .note.GNU-stack,"",%progbits
