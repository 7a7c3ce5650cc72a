#!/usr/bin/env python3
# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
"""Every code block of the documentation comes from a file that CI builds.

Reads the fenced code blocks of README.md and docs/**/*.md and checks each by its language:

  cpp    its lines, in order and contiguous, are in a C++ file under examples/ or docs/snippets/
         (indentation may differ by a constant amount; trailing spaces are ignored). With
         --compile-commands, a .cpp file must be one of the build's translation units and a
         header must be included by one of them, so "compiled" is checked, not assumed.
  cmake  the same, in a CMake file that CI configures (docs/snippets/, examples/,
         tests/consumers/).
  sh, text, json, yaml
         commands to type, program output and data files: not code to compile; listed, not
         searched.

A block without a language, or with another one, fails: say what it is. Exit status 1 when
any block fails, with the file, line and first line of each.

  scripts/check_snippets.py [--compile-commands build/x/compile_commands.json] [--root DIR]
"""

import argparse
import json
import os
import re
import sys

CHECKED = {
    "cpp": {"dirs": ["examples", "docs/snippets"], "suffixes": (".cpp", ".hpp")},
    "cmake": {"dirs": ["docs/snippets", "examples", "tests/consumers"],
              "suffixes": ("CMakeLists.txt", ".cmake")},
}
NOT_CODE = {"sh", "text", "json", "yaml"}
FENCE = re.compile(r"^(\s*)(```+|~~~+)\s*([^\s`]*)\s*$")


def markdown_files(root):
    files = [os.path.join(root, "README.md")]
    for base, _, names in os.walk(os.path.join(root, "docs")):
        if os.sep + "snippets" in base:
            continue
        files += [os.path.join(base, n) for n in sorted(names) if n.endswith(".md")]
    return [f for f in files if os.path.isfile(f)]


def blocks_of(path):
    """(line number, language, lines) of each fenced block."""
    out, cur = [], None
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            m = FENCE.match(line)
            if cur is None:
                if m:
                    cur = (no, m.group(2), m.group(3).lower(), len(m.group(1)), [])
            elif m and m.group(2).startswith(cur[1][0]) and len(m.group(2)) >= len(cur[1]) and not m.group(3):
                out.append((cur[0], cur[2], cur[4]))
                cur = None
            else:
                # A fence indented inside a list item: drop that indentation.
                cur[4].append(line[cur[3]:] if line[:cur[3]].strip() == "" else line)
    if cur is not None:
        out.append((cur[0], cur[2] + " (unclosed)", cur[4]))
    return out


def normalized(lines):
    lines = [l.rstrip() for l in lines]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    indent = min((len(l) - len(l.lstrip()) for l in lines if l), default=0)
    return [l[indent:] for l in lines]


def indent_of(line):
    return line[: len(line) - len(line.lstrip())]


def contains(file_lines, block):
    """Whether `block` (normalized) is in `file_lines`, contiguous, under one extra indentation."""
    first = block[0]
    for i, line in enumerate(file_lines):
        if line.strip() != first.strip() or len(file_lines) - i < len(block):
            continue
        extra = indent_of(line)[: len(indent_of(line)) - len(indent_of(first))]
        if all((file_lines[i + j].rstrip() == (extra + b if b else "")) for j, b in enumerate(block)):
            return True
    return False


def candidate_files(root, rule):
    out = []
    for d in rule["dirs"]:
        for base, _, names in os.walk(os.path.join(root, d)):
            out += [os.path.join(base, n) for n in sorted(names) if n.endswith(rule["suffixes"])]
    return out


def quoted_includes(path):
    """The files `path` includes with #include "...", resolved next to it."""
    if not os.path.isfile(path):
        return set()
    with open(path, encoding="utf-8", errors="replace") as f:
        return {os.path.realpath(os.path.join(os.path.dirname(path), m.group(1)))
                for m in re.finditer(r'^\s*#\s*include\s+"([^"]+)"', f.read(), re.M)}


def compiled_files(root, compile_commands):
    """The translation units of the build and the headers they include (by quoted name), and
    the headers those include (certctl.hpp includes converge.hpp, ...)."""
    with open(compile_commands, encoding="utf-8") as f:
        units = {os.path.realpath(os.path.join(e["directory"], e["file"])) for e in json.load(f)}
    included = set().union(*(quoted_includes(u) for u in units))
    included |= set().union(*(quoted_includes(h) for h in list(included)))
    return units | included


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    ap.add_argument("--compile-commands", help="the build's compile_commands.json")
    args = ap.parse_args()
    root = os.path.realpath(args.root)

    sources = {}
    for lang, rule in CHECKED.items():
        files = candidate_files(root, rule)
        if lang == "cpp" and args.compile_commands:
            built = compiled_files(root, args.compile_commands)
            files = [f for f in files if os.path.realpath(f) in built]
        sources[lang] = []
        for path in files:
            with open(path, encoding="utf-8", errors="replace") as f:
                sources[lang].append((path, [l.rstrip("\n") for l in f]))

    failures, counts, not_code = [], {}, {}
    for md in markdown_files(root):
        rel = os.path.relpath(md, root)
        for line_no, lang, lines in blocks_of(md):
            block = normalized(lines)
            where = f"{rel}:{line_no}"
            head = block[0] if block else "(empty block)"
            if lang in NOT_CODE:
                not_code[lang] = not_code.get(lang, 0) + 1
                continue
            if lang not in CHECKED:
                failures.append(f"{where}: block language '{lang or '(none)'}': use cpp or cmake for code "
                                f"(kept in a compiled file), sh/text/json/yaml for the rest: {head}")
                continue
            if not block:
                failures.append(f"{where}: empty {lang} block")
                continue
            found = [p for p, file_lines in sources[lang] if contains(file_lines, block)]
            if not found:
                dirs = ", ".join(CHECKED[lang]["dirs"])
                failures.append(f"{where}: this {lang} block is in no {'compiled ' if lang == 'cpp' else ''}"
                                f"file under {dirs}: {head}")
            counts[lang] = counts.get(lang, 0) + 1

    checked = sum(counts.values())
    summary = ", ".join(f"{n} {lang}" for lang, n in sorted(counts.items()))
    others = ", ".join(f"{n} {lang}" for lang, n in sorted(not_code.items()))
    for f in failures:
        print("snippets: " + f, file=sys.stderr)
    print(f"snippets: {checked} code blocks checked ({summary or 'none'}), {len(failures)} not found; "
          f"not code: {others or 'none'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
