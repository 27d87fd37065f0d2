# gdb script: single-steps the shim's aarch64 vfork stub (vfork-aarch64.S)
# in a program under qemu-user's gdbstub, and writes what it saw as one
# JSON object to $FX_OUT. qemu's vfork is a fork, so the child never shares
# the parent's stack there; what the stub does to that stack is measured
# instruction by instruction instead:
#   FX_PATH=parent  the real clone runs; gdb stays with the parent.
#   FX_PATH=child   at the svc, the process takes the child's side of it
#                   (x0 = 0, pc past the svc), as the kernel starts a
#                   CLONE_VM child: same registers, return value 0.
# FX_CALL picks which vfork of the program to watch (1: the first, which
# maps the shim's buffers through fx_prepare). Every instruction executed
# inside the stub is recorded with the 64 KiB above the caller's sp before
# and after, and x30 at every step.
import json
import os

import gdb

OUT = os.environ["FX_OUT"]
PATH = os.environ["FX_PATH"]
CALL = int(os.environ.get("FX_CALL", "1"))
SHIM = os.environ["FX_SHIM"]
WINDOW = 64 * 1024


def reg(name):
    return int(gdb.parse_and_eval("$" + name)) & (2**64 - 1)


def insn_at(pc):
    return gdb.selected_frame().architecture().disassemble(pc)[0]["asm"]


def stub_range():
    for obj in gdb.objfiles():
        if obj.filename and os.path.basename(obj.filename) == os.path.basename(SHIM):
            sym = obj.lookup_global_symbol("vfork")
            if sym is not None:
                start = int(sym.value().address)
                block = gdb.block_for_pc(start)
                end = int(block.end) if block is not None else start + 0x60
                return start, end
    raise gdb.GdbError("the shim's vfork was not found among the loaded objects")


def read(addr, size):
    return bytes(gdb.selected_inferior().read_memory(addr, size))


def main():
    result = {"path": PATH, "call": CALL, "ok": False}
    gdb.execute("set pagination off")
    gdb.execute("set confirm off")
    gdb.execute("break main")
    gdb.execute("continue")
    start, end = stub_range()
    result["stub"] = [hex(start), hex(end)]
    gdb.execute("break *%d" % start)
    for _ in range(CALL):
        gdb.execute("continue")
    sp0, lr0 = reg("sp"), reg("x30")
    result.update(sp=hex(sp0), lr=hex(lr0))
    above = read(sp0, WINDOW)
    steps, after_svc = [], False
    while start <= reg("pc") < end:
        pc = reg("pc")
        asm = insn_at(pc)
        steps.append({"pc": hex(pc - start), "insn": asm, "after_svc": after_svc, "x30": hex(reg("x30"))})
        if asm.startswith("svc"):
            result["above_before_svc_unchanged"] = read(sp0, WINDOW) == above
            if PATH == "child":
                gdb.execute("set $x0 = 0")
                gdb.execute("set $pc = %d" % (pc + 4))
            else:
                # Not stepi: qemu's forked child would inherit the single
                # step and die of SIGTRAP; a breakpoint it drops at fork.
                gdb.execute("tbreak *%d" % (pc + 4))
                gdb.execute("continue")
                result["parent_x0"] = reg("x0")
            after_svc = True
            continue
        if asm.startswith("bl"):  # fx_prepare: a C call, before any child exists
            gdb.execute("nexti")
        else:
            gdb.execute("stepi")
        if len(steps) > 200:
            raise gdb.GdbError("the stub did not return in 200 instructions")
    result["steps"] = steps
    result["returned_to"] = hex(reg("pc"))
    result["sp_after"] = hex(reg("sp"))
    result["x0_after"] = reg("x0")
    result["above_unchanged"] = read(sp0, WINDOW) == above
    result["ok"] = True
    with open(OUT, "w") as f:
        json.dump(result, f)
    gdb.execute("delete")
    try:
        gdb.execute("continue")
    except gdb.error:
        pass  # the child's side execs: qemu's process and its gdbstub are gone


try:
    main()
except Exception as e:  # the shell test reports it; gdb must not hang
    with open(OUT, "w") as f:
        json.dump({"ok": False, "error": str(e)}, f)
    gdb.execute("kill")
