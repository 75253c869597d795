"""CPU seconds per warm cell of a Go kernel: the kernel process and all its
descendants (compiler, linker, worker; GoNB's go command and gopls), read from
/proc before and after N cells of one kind. Companion of cells.py, whose cells
it runs; CPU time is far less sensitive to the load of a shared machine than
wall time.

    PATH=$HOME/gonbbin:$HOME/.local/bin:$PATH /usr/bin/python3 \\
        kernel/testdata/bench/cellcpu.py KERNEL N trivial|library|plot
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cells as C  # noqa: E402

TCK = os.sysconf("SC_CLK_TCK")


def cpu(pid):
    """utime+stime of pid and of its waited-for children, in seconds."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            s = f.read()
    except OSError:
        return 0.0
    v = s[s.rindex(")") + 2:].split()
    return sum(int(x) for x in v[11:15]) / TCK


def tree(pid):
    out = [pid]
    for k in C.children(pid):
        out += tree(k)
    return out


def main():
    name, n, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    k = C.Kernel(name)
    try:
        if k.gonb and kind == "library":
            C.must(k, "!*go mod edit -require=github.com/lingo-nlp/lingo@v0.0.0-00010101000000-000000000000"
                   " -replace=github.com/lingo-nlp/lingo=%s" % C.ROOT)
        cell = C.cells(k.gonb)[kind]
        for i in range(2):  # warm up
            C.must(k, cell(i))
        before = {p: cpu(p) for p in tree(k.pid())}
        for i in range(n):
            dt, out, err = k.run(cell(i + 2))
            if err:
                sys.exit("%s: %s" % (name, err))
        after = {p: cpu(p) for p in tree(k.pid())}
        used = sum(after.get(p, 0) - before.get(p, 0) for p in set(before) | set(after))
        print("%s %s: %.3f CPU s per cell over %d cells" % (name, kind, used / n, n))
    finally:
        k.close()


if __name__ == "__main__":
    main()
