"""Whitespace as ``terraform fmt`` writes it (hclwrite/format.go): indentation by bracket
nesting, ``=`` aligned in runs of single-line assignments."""
from __future__ import annotations

__all__ = ["fmt"]


def _line_tokens(line: str) -> tuple[int, int | None, int]:
    """(net brackets, index of the first top-level ``=`` or None, net brackets after that ``=``)."""
    net = 0
    eq: int | None = None
    net_after = 0
    stack: list[str] = []      # "s" inside a quoted string, "e" inside an interpolation
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        in_string = bool(stack) and stack[-1] == "s"
        if in_string:
            if c == "\\":
                i += 2
                continue
            if c == '"':
                stack.pop()
            elif line.startswith("$${", i) or line.startswith("%%{", i):
                i += 3
                continue
            elif line.startswith("${", i) or line.startswith("%{", i):
                stack.append("e")
                net += 1
                if eq is not None:
                    net_after += 1
                i += 2
                continue
            i += 1
            continue
        if c == "#" or line.startswith("//", i):
            break
        if c == '"':
            stack.append("s")
        elif c in "{[(":
            net += 1
            if eq is not None:
                net_after += 1
            if c == "{" and stack:
                stack.append("{")
        elif c in "}])":
            if c == "}" and stack and stack[-1] == "e":
                stack.pop()
            elif c == "}" and stack and stack[-1] == "{":
                stack.pop()
            net -= 1
            if eq is not None:
                net_after -= 1
        elif c == "=" and eq is None and not stack and i > 0 and line[i - 1] not in "=!<>" \
                and (i + 1 >= n or line[i + 1] not in "=>"):
            eq = i
        i += 1
    return net, eq, net_after


def fmt(text: str) -> str:
    """Normalize whitespace as ``terraform fmt`` does (indentation by bracket nesting, ``=``
    aligned in runs of single-line assignments), with trailing spaces and repeated blank lines
    removed. The input must hold one statement or element per line (hcl2's output does)."""
    raw = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    lines: list[str] = []
    for line in raw:
        if not line and (not lines or not lines[-1] or lines[-1].endswith(("{", "[", "("))):
            continue
        if line.startswith(("}", "]", ")")) and lines and not lines[-1]:
            lines.pop()
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    # indentation
    indents: list[int] = []
    info: list[tuple[int, int | None, int]] = []
    out: list[list[str]] = []   # [indent, lead, assign]
    for line in lines:
        net, eq, net_after = _line_tokens(line) if line else (0, None, 0)
        if not line:
            out.append(["", "", ""])
            info.append((0, None, 0))
            continue
        if net > 0:
            indent = 2 * len(indents)
            indents.append(net)
        elif net < 0:
            closed = -net
            while closed > 0 and indents:
                if closed > indents[-1]:
                    closed -= indents.pop()
                elif closed < indents[-1]:
                    indents[-1] -= closed
                    closed = 0
                else:
                    indents.pop()
                    closed = 0
            indent = 2 * len(indents)
        else:
            indent = 2 * len(indents)
        if eq is not None and net_after == 0:
            out.append([" " * indent, line[:eq].rstrip(), "= " + line[eq + 1:].lstrip()])
        else:
            out.append([" " * indent, line, ""])
        info.append((net, eq, net_after))
    # alignment of "=" in chains of consecutive assignment lines
    result: list[str] = []
    chain: list[list[str]] = []

    def close() -> None:
        width = max(len(c[0]) + len(c[1]) for c in chain)
        for c in chain:
            pad = width - len(c[0]) - len(c[1]) + 1
            result.append(c[0] + c[1] + " " * pad + c[2])
        chain.clear()

    for cells in out:
        if cells[2]:
            chain.append(cells)
            continue
        if chain:
            close()
        result.append((cells[0] + cells[1]).rstrip())
    if chain:
        close()
    return "\n".join(result) + "\n"
