"""The `qms` command: an invoke Program over the same task collection as tasks.py (SPEC §7).

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, config or
rule-file error (nothing written); 3 another run holds the lock.
"""

from __future__ import annotations

import sys

from invoke import Collection, Exit, Program, task
from invoke.exceptions import ParseError

from pipeline import __version__
from pipeline.config import load_config
from pipeline.errors import ConfigError

COMMON_HELP = {
    "inbox": "folder to read (default inbox/ or the config file)",
    "outbox": "folder to write outputs (default outbox/)",
    "as_of": "reference date YYYY-MM-DD for every date rule (default today)",
    "config": "path of a qms.toml config file",
    "lang": "language of messages and reports: vi (default) or en",
    "fail_on": "exit 1 when a finding is at or above: major|minor|observation|never",
    "jobs": "worker processes (default: number of CPUs)",
    "wait": "wait for another run holding the outbox lock instead of exiting 3",
}


def _config(**options: object):
    try:
        return load_config(options.pop("config"), options)
    except ConfigError as exc:
        raise Exit(message=f"qms: {exc}", code=2) from exc


def _run(cfg, wait: bool, stages=()) -> None:
    from pipeline.lock import LockHeld
    from pipeline.run import run_check

    try:
        outcome = run_check(cfg, progress=True, wait=wait, stages=stages)
    except ConfigError as exc:
        raise Exit(message=f"qms: {exc}", code=2) from exc
    except LockHeld as exc:
        raise Exit(message=f"qms: {exc}", code=3) from exc
    print(outcome.summary)
    if outcome.exit_code:
        raise Exit(code=outcome.exit_code)


@task(help=COMMON_HELP)
def check(c, inbox=None, outbox=None, as_of=None, config=None, lang=None, fail_on=None, jobs=None, wait=False):
    """Read every document in the inbox; write findings (json, xlsx, html) and records.json to the outbox."""
    cfg = _config(inbox=inbox, outbox=outbox, as_of=as_of, config=config, lang=lang, fail_on=fail_on, jobs=jobs)
    _run(cfg, wait)


@task(help=COMMON_HELP)
def nightly(c, inbox=None, outbox=None, as_of=None, config=None, lang=None, fail_on=None, jobs=None, wait=False):
    """check + drafts + register, for the scheduler: incremental, files still being copied wait (--fail-on never)."""
    from dataclasses import replace

    from pipeline.stages import nightly_stages

    cfg = _config(inbox=inbox, outbox=outbox, as_of=as_of, config=config, lang=lang, fail_on=fail_on, jobs=jobs)
    if fail_on is None and "fail_on" not in cfg.file_keys:
        cfg = replace(cfg, fail_on="never")
    if cfg.settle_seconds is None:
        cfg = replace(cfg, settle_seconds=120.0)
    _run(cfg, wait, nightly_stages())


@task(help=COMMON_HELP)
def drafts(c, inbox=None, outbox=None, as_of=None, config=None, lang=None, fail_on=None, jobs=None, wait=False):
    """check (cached) + a BM.CTCL.01 draft in outbox/drafts/ for each new finding of a draft rule; exit 0."""
    from pipeline.stages import drafts_stages

    _run(_document_config(inbox, outbox, as_of, config, lang, fail_on, jobs), wait, drafts_stages())


@task(help=COMMON_HELP)
def register(c, inbox=None, outbox=None, as_of=None, config=None, lang=None, fail_on=None, jobs=None, wait=False):
    """check (cached) + the document register (Danh mục tài liệu HTQLCL) in outbox/register/; exit 0."""
    from pipeline.stages import register_stages

    _run(_document_config(inbox, outbox, as_of, config, lang, fail_on, jobs), wait, register_stages())


def _document_config(inbox, outbox, as_of, config, lang, fail_on, jobs):
    """drafts and register make documents: they exit 0 unless --fail-on is given on the command line."""
    from dataclasses import replace

    cfg = _config(inbox=inbox, outbox=outbox, as_of=as_of, config=config, lang=lang, fail_on=fail_on, jobs=jobs)
    return cfg if fail_on is not None else replace(cfg, fail_on="never")


@task(positional=["rule_id"],
      help={"rule_id": "a rule id such as CTCL010: print its doc and examples", "config": COMMON_HELP["config"],
            "lang": COMMON_HELP["lang"]})
def rules(c, rule_id=None, config=None, lang=None):
    """List the rules, or print one rule's doc with its examples (qms rules CTCL010)."""
    from pipeline.catalog import load_catalog
    from pipeline.checks.engine import validate_catalog
    from pipeline.rules_doc import rule_doc, rules_list

    cfg = _config(config=config, lang=lang)
    try:
        catalog = load_catalog(cfg.rules_dir)
        validate_catalog(catalog)
    except ConfigError as exc:
        raise Exit(message=f"qms: {exc}", code=2) from exc
    if not rule_id or rule_id == LIST_ALL:
        print(rules_list(catalog, cfg.lang))
        return
    rule_id = rule_id.upper()
    if rule_id not in catalog.rules:
        raise Exit(message=f"qms: unknown rule {rule_id}; `qms rules` lists them", code=2)
    print(rule_doc(catalog[rule_id], cfg.lang))


ns = Collection(check, drafts, register, nightly, rules)


class QmsProgram(Program):
    """invoke's Program, but command-line mistakes exit 2 as SPEC §7 requires (invoke uses 1)."""

    def parse_core(self, argv):  # type: ignore[no-untyped-def]
        try:
            super().parse_core(argv)
        except ParseError as exc:
            raise Exit(message=f"qms: {exc}", code=2) from exc

    def parse_tasks(self) -> None:
        try:
            super().parse_tasks()
        except ParseError as exc:
            raise Exit(message=f"qms: {exc}", code=2) from exc

    def execute(self) -> None:
        if not self.tasks:
            commands = "check | drafts | register | nightly | rules"
            raise Exit(message=f"qms: name a command: {commands} (see qms --list)", code=2)
        super().execute()


program = QmsProgram(namespace=ns, version=__version__, name="qms", binary="qms", binary_names=["qms"])


LIST_ALL = "ALL"


def with_optional_rule_id(argv: list[str]) -> list[str]:
    """invoke positionals are required; `qms rules` alone means "list them all"."""
    for i, arg in enumerate(argv[1:], 1):
        if arg == "rules":
            following = argv[i + 1] if i + 1 < len(argv) else "-"
            if following.startswith("-"):
                return [*argv[: i + 1], LIST_ALL, *argv[i + 1 :]]
            break
    return argv


def main() -> None:
    try:
        program.run(with_optional_rule_id(sys.argv))
    except BrokenPipeError:  # `qms rules | head`
        sys.stderr.close()
