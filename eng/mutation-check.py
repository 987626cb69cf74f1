#!/usr/bin/env python3
"""Mutation check: break the product one line at a time and show that a named test goes red.

eng/mutations.json lists deliberate one-line breaks of product code (never of a test), each with the tests that must
catch it (a class, or a class and the start of a test's name). The script checks out HEAD into a temporary git
worktree, then for each break: applies it, builds, runs those tests, records red (caught) or green (survived), and
reverts. Exit status 1 when a break survived or did not apply, 0 when every one was caught. The suite checks that
every listed line is still in the code and every listed test exists (Foundation/MutationListTests).

    eng/mutation-check.py            # all of them (about 20 minutes on two cores; stacks start for some)
    eng/mutation-check.py M03 M09    # some of them

The tests are green without the breaks: the README's test command (and CI) runs all of them.
"""
import json
import os
import subprocess
import sys
import tempfile


def test_name(line):
    """'Failed SignalHarvester.Tests.Signals.SalienceCalculatorTests.Matches(likes: 1) [2 ms]' -> 'SalienceCalculatorTests.Matches'."""
    full = line.strip()[len("Failed "):].split(" [")[0].split("(")[0]
    return ".".join(full.split(".")[-2:])


def run(args, cwd):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True)


def main(selected):
    repository = run(["git", "rev-parse", "--show-toplevel"], os.getcwd()).stdout.strip()
    mutations = json.load(open(os.path.join(repository, "eng", "mutations.json"), encoding="utf-8"))
    worktree = tempfile.mkdtemp(prefix="signalharvester-mutation-")
    subprocess.run(["git", "worktree", "add", "--detach", "-q", worktree, "HEAD"], cwd=repository, check=True)
    survived = 0
    try:
        print("| id | break | result | tests that failed |")
        print("| --- | --- | --- | --- |")
        for mutation in mutations:
            mid, what = mutation["id"], mutation["break"]
            if selected and mid not in selected:
                continue
            file = os.path.join(worktree, mutation["file"])
            source = open(file, encoding="utf-8").read()
            if source.count(mutation["find"]) != 1:
                survived += 1
                print(f"| {mid} | {what} | **did not apply** ({source.count(mutation['find'])} matches) | |", flush=True)
                continue
            open(file, "w", encoding="utf-8").write(source.replace(mutation["find"], mutation["replace"]))
            try:
                build = run(["dotnet", "build", "SignalHarvester.Tests", "-v", "q", "-nologo"], worktree)
                if build.returncode != 0:
                    survived += 1
                    print(f"| {mid} | {what} | **does not build** | |", flush=True)
                    continue
                tests = "|".join(f"FullyQualifiedName~{name}" for name in mutation["tests"])
                test = run(["dotnet", "test", "SignalHarvester.Tests", "--no-build", "--filter", tests], worktree)
                failed = sorted({test_name(line) for line in (test.stdout + test.stderr).splitlines()
                                 if line.strip().startswith("Failed SignalHarvester.")})
                if test.returncode == 0:
                    survived += 1
                    print(f"| {mid} | {what} | **survived** (green) | |", flush=True)
                else:
                    print(f"| {mid} | {what} | red | {', '.join(f'`{name}`' for name in failed)} |", flush=True)
            finally:
                open(file, "w", encoding="utf-8").write(source)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", worktree], cwd=repository)
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(set(sys.argv[1:])))
