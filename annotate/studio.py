"""Push tasks to and pull annotations from a Label Studio server through label-studio-sdk.

Credentials come only from LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY and never appear in messages
(the SDK's own errors print request headers, so every server error is re-worded here). Pushing is
idempotent: a task whose `data.claim_id` is already in the project is not sent again.
"""
from __future__ import annotations

import os
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

import httpx
from label_studio_sdk import LabelStudio
from label_studio_sdk.core.api_error import ApiError
from label_studio_sdk.label_interface import LabelInterface

from citations.errors import CiteauditError

from .tasks import label_config, validate_tasks

URL_ENV, KEY_ENV = "LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY"
TOKEN_ADVICE = (f"put a Personal Access Token in {KEY_ENV} (Account & Settings → Personal Access Token; "
                "Label Studio 1.23 turns legacy tokens off by default), and check it has not been revoked")
URL_ADVICE = f"{URL_ENV} must be the address you open Label Studio at, e.g. http://localhost:8080"


@dataclass
class PushReport:
    project_id: int
    project_created: bool
    sent: int  # tasks imported now
    skipped: int  # tasks whose claim id the project already had
    total: int  # tasks in the project afterwards
    predictions_added: int = 0  # new model versions' predictions added to tasks already there


def _reason(exc: ApiError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    detail = body.get("detail") or body.get("validation_errors") or ""
    return f"HTTP {exc.status_code}" + (f": {str(detail)[:200]}" if detail else "")


def check_url(url: str) -> str:
    """The server address without a trailing slash, or a one-line error for one that cannot be."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError as exc:
        raise CiteauditError(f"{URL_ENV}={url!r} is not a valid address ({exc}); e.g. http://localhost:8080") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CiteauditError(f"{URL_ENV}={url!r} is not an http(s) address with a host; e.g. http://localhost:8080")
    if parts.query or parts.fragment:
        raise CiteauditError(f"{URL_ENV}={url!r} has a query or fragment; give the server's address, e.g. http://localhost:8080")
    return url.rstrip("/")


class Studio:
    """One Label Studio server, reached with one API key: a Personal Access Token (a JWT refresh
    token, which the SDK exchanges for short-lived access tokens) or a legacy token."""

    def __init__(self, url: str, api_key: str, timeout: float = 120.0) -> None:
        self.url = check_url(url)
        with self.errors("reading the API key"):  # the SDK rejects an expired token right here
            self.client = LabelStudio(base_url=self.url, api_key=api_key, timeout=timeout, max_retries=0)

    @classmethod
    def from_env(cls) -> "Studio":
        url, key = os.environ.get(URL_ENV, "").strip(), os.environ.get(KEY_ENV, "").strip()
        if not url or not key:
            missing = " and ".join(n for n, v in ((URL_ENV, url), (KEY_ENV, key)) if not v)
            raise CiteauditError(f"set {missing} in the environment (e.g. {URL_ENV}=http://localhost:8080)")
        return cls(url, key)

    @contextmanager
    def errors(self, doing: str) -> Iterator[None]:
        """Turn transport and API failures into one line that names the server, never the key."""
        try:
            yield
        except httpx.TransportError:
            raise CiteauditError(f"cannot reach Label Studio at {self.url} while {doing} (is the server running?)") from None
        except ApiError as exc:
            if exc.status_code in (401, 403):
                raise CiteauditError(f"Label Studio at {self.url} refused the API key in {KEY_ENV} ({_reason(exc)}); {TOKEN_ADVICE}") from None
            if not isinstance(exc.body, (dict, list)) or (exc.status_code or 0) < 400:  # a web page, not the API's JSON
                raise CiteauditError(f"no Label Studio API at {self.url} while {doing} (HTTP {exc.status_code}); {URL_ADVICE}") from None
            raise CiteauditError(f"Label Studio at {self.url} failed while {doing} ({_reason(exc)})") from None
        except (httpx.HTTPError, ValueError) as exc:  # HTML instead of JSON, an unparsable answer, a bad URL
            raise CiteauditError(f"the server at {self.url} does not answer like Label Studio while {doing} "
                                 f"({type(exc).__name__}); {URL_ADVICE}") from None

    def check(self) -> None:
        """Fail early, before any write, when the server is down or the key is wrong."""
        with self.errors("checking the API key"):
            self.client.users.whoami()

    # --- projects --------------------------------------------------------------------------------

    def find_project(self, title: str) -> int | None:
        with self.errors("listing projects"):
            matches = [p.id for p in self.client.projects.list(title=title) if p.title == title]
        if len(matches) > 1:
            raise CiteauditError(f"{len(matches)} projects on {self.url} are titled {title!r}; rename all but one")
        return matches[0] if matches else None

    def project(self, title: str) -> int:
        """The id of an existing project, or a one-line error listing the titles there are."""
        found = self.find_project(title)
        if found is None:
            with self.errors("listing projects"):
                titles = sorted(p.title or "" for p in self.client.projects.list())
            raise CiteauditError(f"no project titled {title!r} on {self.url}" + (f"; there are: {', '.join(titles)}" if titles else ""))
        return found

    def ensure_project(self, title: str, config: str | None = None) -> tuple[int, bool]:
        """Create the project with our label config if absent; refuse one labelled with another config."""
        config = config or label_config()
        found = self.find_project(title)
        if found is None:
            with self.errors("creating the project"):
                created = self.client.projects.create(title=title, label_config=config)
            return created.id, True
        with self.errors("reading the project"):
            theirs = self.client.projects.get(found).label_config or ""
        if not same_labelling(theirs, config):
            raise CiteauditError(f"project {title!r} on {self.url} uses a different labelling config; choose another --project")
        return found, False

    # --- tasks -----------------------------------------------------------------------------------

    def present(self, project_id: int) -> dict[str, tuple[int, set[str]]]:
        """claim id -> (task id, model versions of its predictions) of every task in the project."""
        with self.errors("listing tasks"):
            pager = self.client.tasks.list(project=project_id, include="id,data,predictions_model_versions", page_size=1000)
            found = {}
            for task in pager:
                if task.data and task.data.get("claim_id"):
                    versions = task.predictions_model_versions or []
                    versions = versions.split(",") if isinstance(versions, str) else versions
                    found[str(task.data["claim_id"])] = (task.id, {v.strip() for v in versions if v and v.strip()})
            return found

    def push(
        self, tasks: list[dict[str, Any]], title: str, batch_size: int = 500, on_batch: Callable[[int], None] | None = None
    ) -> PushReport:
        """Send the tasks the project does not hold yet, in batches (each batch is one server transaction).

        A task already there gets only the predictions of a model version it lacks, so pushing
        tasks made with `--model` adds the trained model's pre-annotations beside the old ones.
        """
        validate_tasks(tasks)
        ids = [t["data"]["claim_id"] for t in tasks]
        repeated = [c for c, n in Counter(ids).items() if n > 1]
        if repeated:
            raise CiteauditError(f"{len(repeated)} claim ids occur twice in the tasks, e.g. {repeated[0]}")
        self.check()
        project_id, created = self.ensure_project(title)
        present = self.present(project_id)
        new = [t for t in tasks if t["data"]["claim_id"] not in present]
        predictions = [
            {"task": present[t["data"]["claim_id"]][0], **p}
            for t in tasks
            if t["data"]["claim_id"] in present
            for p in t.get("predictions", [])
            if p.get("model_version") not in present[t["data"]["claim_id"]][1]
        ]
        for i in range(0, len(new), batch_size):
            batch = new[i : i + batch_size]
            with self.errors(f"importing tasks {i + 1}-{i + len(batch)}"):
                self.client.projects.import_tasks(project_id, request=batch, return_task_ids=False)
            if on_batch:
                on_batch(len(batch))
        for i in range(0, len(predictions), batch_size):
            with self.errors("adding predictions to existing tasks"):
                self.client.projects.import_predictions(project_id, request=predictions[i : i + batch_size])
        if on_batch:
            on_batch(len(tasks) - len(new))
        with self.errors("counting tasks"):
            total = self.client.projects.get(project_id).task_number or 0
        return PushReport(project_id, created, len(new), len(tasks) - len(new), total, len(predictions))

    def pull(self, title: str) -> list[dict[str, Any]]:
        """Every task of the project with its annotations (annotator by e-mail) and predictions."""
        self.check()
        project_id = self.project(title)
        with self.errors("listing users"):
            emails = {u.id: u.email or u.username or str(u.id) for u in self.client.users.list()}
        with self.errors("exporting tasks"):
            raw = [t.model_dump(mode="json") for t in self.client.tasks.list(project=project_id, fields="all", page_size=500)]
        return [
            {
                "id": t["id"],
                "data": t["data"],
                "annotations": [
                    {
                        "id": a.get("id"),
                        "annotator": emails.get(a.get("completed_by"), str(a.get("completed_by"))),
                        "result": a.get("result") or [],
                        "was_cancelled": bool(a.get("was_cancelled")),
                        "lead_time": a.get("lead_time"),
                        "updated_at": a.get("updated_at"),
                    }
                    for a in t.get("annotations") or []
                ],
                "predictions": [
                    {"model_version": p.get("model_version"), "score": p.get("score"), "result": p.get("result") or []}
                    for p in t.get("predictions") or []
                ],
            }
            for t in raw
        ]


def same_labelling(config_a: str, config_b: str) -> bool:
    """Two configs label alike when they have the same controls, objects and label values."""

    def shape(config: str) -> set[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        try:
            li = LabelInterface(config)
        except Exception:  # a config we cannot parse is certainly not ours
            return set()
        return {(c.name, tuple(c.to_name), tuple(sorted(getattr(c, "labels", None) or []))) for c in li.controls}

    return shape(config_a) == shape(config_b)
