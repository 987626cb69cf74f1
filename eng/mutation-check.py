#!/usr/bin/env python3
"""Mutation check: break the product one line at a time and show that a named test goes red.

Each mutation below is a deliberate one-line break of product code (never of a test) and the tests that must
catch it. The script checks out HEAD into a temporary git worktree, then for each mutation: applies it, builds,
runs the named tests, records red (caught) or green (survived), and reverts. Exit status 1 when a mutation
survived or its line is no longer in the code (the list needs updating), 0 when every one was caught.

    eng/mutation-check.py            # all of them (about 20 minutes on two cores; stacks start for some)
    eng/mutation-check.py M03 M09    # some of them

The tests are green without the mutations: the README's test command (and CI) runs all of them.
"""
import os
import re
import subprocess
import sys
import tempfile

# (id, what breaks, file, exact text, its replacement, tests that must fail)
MUTATIONS = [
    ("M01", "salience: the decay's sign flipped",
     "SignalHarvester.Domain/Signals/SalienceCalculator.cs",
     "Math.Pow(0.5, ageHours / o.HalfLifeHours)", "Math.Pow(0.5, -ageHours / o.HalfLifeHours)",
     "FullyQualifiedName~SalienceCalculatorTests|FullyQualifiedName~SignalPipelineTests.The_llm_answer_is_stored_as_given"),
    ("M02", "the LLM's category dropped on store",
     "SignalHarvester.Data/Signals/SignalStore.Classification.cs",
     'new("category", c.Category.ToStorageName())', 'new("category", SignalCategory.Other.ToStorageName())',
     "FullyQualifiedName~SignalPipelineTests.The_llm_answer_is_stored_as_given"),
    ("M03", "GitHub: the next page never followed",
     "SignalHarvester.Worker/Discovery/Sources/GitHub/GitHubSource.cs",
     "                next = response.Next;\n", "                next = null;\n",
     "FullyQualifiedName~GitHubSourceTests|FullyQualifiedName~GitHubInStackTests"),
    ("M04", "topic evolution: merge events never written",
     "SignalHarvester.Domain/Discovery/TopicEvolutionRules.cs",
     "pair.Similarity >= options.MergeSimilarity ? TopicEventTypes.Merge", "pair.Similarity >= options.MergeSimilarity ? null",
     "FullyQualifiedName~TopicEvolutionRulesTests|FullyQualifiedName~TopicEvolutionInStackTests"),
    ("M05", "research classification: the LLM's category not stored",
     "SignalHarvester.Worker/Discovery/Stages/ClassifyArtifactsStage.cs",
     "            Category = result.Category,\n", '            Category = "other",\n',
     "FullyQualifiedName~GitHubInStackTests.A_scripted_research_classification"),
    ("M06", "discovery score: topic growth's relative change halved",
     "SignalHarvester.Domain/Discovery/DiscoveryScorer.cs",
     "(last - previous) / Math.Max(previous, 1) / 2", "(last - previous) / Math.Max(previous, 1) / 4",
     "FullyQualifiedName~DiscoveryScorerTests"),
    ("M07", "entity names: compatible initials scored as unrelated",
     "SignalHarvester.Domain/Discovery/EntitySimilarity.cs",
     "            return Compatible;\n        }\n\n        return Fallback(a, b);",
     "            return Fallback(a, b);\n        }\n\n        return Fallback(a, b);",
     "FullyQualifiedName~EntitySimilarityTests"),
    ("M08", "notifications: the threshold comparison reversed",
     "SignalHarvester.Data/Signals/SignalStore.Notification.cs",
     "salience >= @threshold", "salience <= @threshold",
     "FullyQualifiedName~SignalPipelineTests.Qualifying_posts_are_notified"),
    ("M09", "check verb: drift exits 0",
     "SignalHarvester.MigrationService/Verbs/CheckVerb.cs",
     "        return DriftExitCode;\n", "        return 0;\n",
     "FullyQualifiedName~MigrationVerbTests"),
    ("M10", "purge-samples: live posts deleted too",
     "SignalHarvester.Data/SampleDataPurge.cs",
     "var posts = await db.Signals.Where(t => t.Origin == DataOrigin.Sample)",
     'var posts = await db.Signals.Where(t => t.Origin == DataOrigin.Sample || t.Id != "")',
     "FullyQualifiedName~PurgeSamplesVerbTests"),
    ("M11", "rate limit: a request takes no token",
     "SignalHarvester.Api/RateLimiting/RedisTokenBucket.cs",
     "tokens = tokens - cost", "tokens = tokens - 0",
     "FullyQualifiedName~RateLimitTests"),
    ("M12", "signals/top: limit 0 accepted",
     "SignalHarvester.Api/Signals/SignalsEndpoints.cs",
     'limit is >= 1 and <= 200, "limit"', 'limit is >= 0 and <= 200, "limit"',
     "FullyQualifiedName~EmbeddedDefaultTests.Bad_query_parameters"),
    ("M13", "database outage: answered 500 instead of 503",
     "SignalHarvester.Api/Errors/DatabaseUnavailableExceptionHandler.cs",
     "httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;",
     "httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;",
     "FullyQualifiedName~DatabaseOutageTests"),
    ("M14", "notifications: a sent post not marked sent",
     "SignalHarvester.Data/Signals/SignalStore.Notification.cs",
     "update tweets set notified_at = now(), notify_claimed_at = null",
     "update tweets set notified_at = null, notify_claimed_at = null",
     "FullyQualifiedName~SignalPipelineTests.Qualifying_posts_are_notified|FullyQualifiedName~SignalPipelineTests.Two_notifiers"),
]


def test_name(line):
    """'Failed SignalHarvester.Tests.Signals.SalienceCalculatorTests.Matches(likes: 1) [2 ms]' -> 'SalienceCalculatorTests.Matches'."""
    full = line.strip()[len("Failed "):].split(" [")[0].split("(")[0]
    return ".".join(full.split(".")[-2:])


def run(args, cwd):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True)


def main(selected):
    repository = run(["git", "rev-parse", "--show-toplevel"], os.getcwd()).stdout.strip()
    worktree = tempfile.mkdtemp(prefix="signalharvester-mutation-")
    subprocess.run(["git", "worktree", "add", "--detach", "-q", worktree, "HEAD"], cwd=repository, check=True)
    survived = 0
    try:
        print("| id | break | result | tests that failed |")
        print("| --- | --- | --- | --- |")
        for mid, what, path, old, new, tests in MUTATIONS:
            if selected and mid not in selected:
                continue
            file = os.path.join(worktree, path)
            source = open(file, encoding="utf-8").read()
            if source.count(old) != 1:
                survived += 1
                print(f"| {mid} | {what} | **line not found** ({source.count(old)} matches in {path}) | |", flush=True)
                continue
            open(file, "w", encoding="utf-8").write(source.replace(old, new))
            try:
                build = run(["dotnet", "build", "SignalHarvester.Tests", "-v", "q", "-nologo"], worktree)
                if build.returncode != 0:
                    survived += 1
                    print(f"| {mid} | {what} | **does not build** | |", flush=True)
                    continue
                test = run(["dotnet", "test", "SignalHarvester.Tests", "--no-build", "--filter", tests], worktree)
                output = test.stdout + test.stderr
                failed = sorted({test_name(line) for line in output.splitlines() if line.strip().startswith("Failed SignalHarvester.")})
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
