/* int fx_call_on_stack(void (*fn)(void *), void *arg, void *top)
 * (onstack.h). The caller's stack pointer is kept in x19, callee-saved,
 * so fn returns to a frame that knows where to go back to. Backtraces are
 * taken before the switch (preload/failure.c): nothing needs to unwind
 * through here. */
	.text
	.globl	fx_call_on_stack
	.hidden	fx_call_on_stack
	.type	fx_call_on_stack, %function
fx_call_on_stack:
	.cfi_startproc
	stp	x29, x30, [sp, #-32]!
	.cfi_def_cfa_offset 32
	.cfi_offset x29, -32
	.cfi_offset x30, -24
	str	x19, [sp, #16]
	.cfi_offset x19, -16
	mov	x29, sp
	mov	x19, sp
	.cfi_def_cfa_register x19
	mov	sp, x2
	mov	x16, x0
	mov	x0, x1
	blr	x16
	mov	sp, x19
	.cfi_def_cfa_register sp
	ldr	x19, [sp, #16]
	.cfi_restore x19
	ldp	x29, x30, [sp], #32
	.cfi_restore x29
	.cfi_restore x30
	.cfi_def_cfa_offset 0
	mov	w0, #0
	ret
	.cfi_endproc
	.size	fx_call_on_stack, .-fx_call_on_stack

	.section .note.GNU-stack,"",%progbits
