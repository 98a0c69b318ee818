"""invoke tasks: the product's commands (the same collection as `qms`) plus developer tasks.

`invoke check --as-of 2026-11-22` is `qms check --as-of 2026-11-22`.
"""

from invoke import Collection, task

from pipeline.cli import ns as product


@task
def test(c, fast=False):
    """Run the test suite (--fast skips tests marked slow: LibreOffice, many files)."""
    c.run("python -m pytest -q" + (" -m 'not slow'" if fast else ""), pty=False)


@task
def lint(c):
    """ruff over the project."""
    c.run("ruff check pipeline tests tools bench tasks.py")


@task
def samples(c, target="inbox", force=False):
    """Regenerate the sample inbox (needs LibreOffice)."""
    c.run(f"python -m tools.samples {target}" + (" --force" if force else ""))


@task(help={"files": "files in the synthetic inbox (default 10000)", "jobs": "qms worker processes (default: CPUs)"})
def bench(c, files=10_000, jobs=None):
    """Benchmarks of SPEC §10: generate an inbox, time qms check against the references (needs .[bench])."""
    c.run(f"python -m bench --files {int(files)}" + (f" --jobs {int(jobs)}" if jobs else ""), pty=False)


ns = Collection()
for name, item in product.tasks.items():
    ns.add_task(item, name)
ns.add_task(test)
ns.add_task(lint)
ns.add_task(samples)
ns.add_task(bench)
