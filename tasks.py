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
    c.run("ruff check pipeline tests tools tasks.py")


@task
def samples(c, target="inbox", force=False):
    """Regenerate the sample inbox (needs LibreOffice)."""
    c.run(f"python -m tools.samples {target}" + (" --force" if force else ""))


ns = Collection()
for name, item in product.tasks.items():
    ns.add_task(item, name)
ns.add_task(test)
ns.add_task(lint)
ns.add_task(samples)
