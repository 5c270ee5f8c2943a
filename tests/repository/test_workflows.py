"""The workflows' security rules, beyond what the linters (run by `make lint-workflows`) check:
actions pinned by commit, and no job that runs pull-request code holding a write token."""

from __future__ import annotations

import re

import yaml

from tests.support.project import REPO

WORKFLOWS = REPO / ".github" / "workflows"
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*\s*$")


def _load(name: str) -> dict:
    document = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    document["on"] = document.pop(True, document.get("on"))  # YAML 1.1 reads `on:` as True
    return document


def test_every_action_is_pinned_by_commit_with_its_version() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"ci.yml", "publish.yml"}
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"^\s*(-\s*)?uses:", line):
                assert PINNED.match(line), f"{path.name}:{number}: not pinned: {line.strip()}"


def _writes(job: dict) -> bool:
    return any(v == "write" for v in (job.get("permissions") or {}).values())


def test_no_pull_request_job_with_a_write_token_runs_repository_code() -> None:
    ci = _load("ci.yml")
    assert ci["permissions"] == {}
    assert {"push", "pull_request"} <= set(ci["on"])
    writers = [name for name, job in ci["jobs"].items() if _writes(job)]
    assert writers == ["comment"]
    for name in writers:
        steps = ci["jobs"][name]["steps"]
        assert not any("run" in step for step in steps), name
        assert not any("checkout" in step.get("uses", "") for step in steps), name
    for job in ci["jobs"].values():
        for step in job["steps"]:
            if "checkout" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False


def test_the_comment_is_found_by_its_marker_and_updated() -> None:
    script = _load("ci.yml")["jobs"]["comment"]["steps"][-1]["with"]["script"]
    assert "<!-- cmrkit-diff -->" in script
    assert "updateComment" in script and "createComment" in script


def test_publishing_is_serialised_and_least_privileged() -> None:
    publish = _load("publish.yml")
    assert publish["permissions"] == {}
    assert set(publish["on"]) == {"push"} and publish["on"]["push"]["tags"]
    assert publish["concurrency"]["cancel-in-progress"] is False
    writers = {name: job for name, job in publish["jobs"].items() if _writes(job)}
    assert list(writers) == ["publish"]
    job = writers["publish"]
    assert job["permissions"] == {"contents": "write"}
    assert any("cmrkit publish" in step.get("run", "") and "--push" in step["run"]
               for step in job["steps"])  # fmt: skip


def test_only_a_reviewed_commit_is_published_after_a_maintainer_approves() -> None:
    """The write job needs the read-only check that the tagged commit is on the default
    branch, and runs in an environment whose required reviewers approve each deploy."""
    jobs = _load("publish.yml")["jobs"]
    check, publish = jobs["check"], jobs["publish"]
    assert check["permissions"] == {"contents": "read"}
    script = "\n".join(step.get("run", "") for step in check["steps"])
    assert "merge-base --is-ancestor" in script
    assert any(
        "github.event.repository.default_branch" in str(step.get("env", {}))
        for step in check["steps"]
    )
    assert publish["needs"] == "check"
    assert publish["environment"] == "production"
    assert "needs.check.outputs.year" in str(publish["steps"])


def test_container_images_are_pinned_by_digest() -> None:
    for path in sorted(WORKFLOWS.glob("*.yml")):
        document = _load(path.name)
        for name, job in document["jobs"].items():
            image = job.get("container")
            if image is None:
                continue
            image = image["image"] if isinstance(image, dict) else image
            assert re.fullmatch(r"[\w./-]+(:[\w.-]+)?@sha256:[0-9a-f]{64}", image), (
                f"{path.name} job {name}: container {image!r} is not pinned by digest"
            )


def test_python_packages_are_installed_by_hash() -> None:
    """Every pin in requirements.lock carries sha256 hashes, and the install checks them."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in makefile
    assert "--generate-hashes" in makefile
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(
        r"^([A-Za-z0-9_.-]+)==[^\s]+( \\\n(?:\s+--hash=sha256:[0-9a-f]{64}.*\n?)+)?", lock, re.M
    )
    assert pins
    unhashed = [name for name, hashes in pins if not hashes]
    assert not unhashed, f"pins without hashes: {unhashed}"
