"""Reading a hand-edited job profile YAML: the protocols' line-numbered node reader.

The YAML is composed into nodes (which keep their line) and walked against the profile's
fields, as protocols are (`focusgroup.domain.yaml_nodes`), instead of `yaml.safe_load`: so
every error names the file, the line and the field; a key written twice is an error, not a
silent override; every text is kept exactly as written (`no` is the text "no", not false);
and a file of anchors and aliases that would expand to millions of tasks is refused before
anything expands it. The file itself is capped in size.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from focusgroup.domain.yaml_nodes import BOOL_TAG, INT_TAG, NULL_TAG, NodeReader, compose, got
from focusgroup.export.profiles import (
    FORMAT,
    LEVELS,
    Changes,
    Function,
    JobProfile,
    OnetFacts,
    ProfileCompetency,
    ProfileError,
    Reworded,
    Task,
)

MAX_BYTES = 2_000_000
"""A profile is a few pages of text; a bigger file is the wrong one."""
MAX_NODES = 50_000
"""Functions, tasks and competencies, every value counted: a real profile has hundreds."""

_TEXT_LISTS = ("wordings", "level_changes", "paths_in", "paths_out", "skills_gaps")
_CHANGE_LISTS = (
    "added_tasks",
    "removed_tasks",
    "moved_tasks",
    "added_functions",
    "removed_functions",
    "new_competencies",
)


def read_profile(path: str | Path) -> JobProfile:
    path = Path(path)
    try:
        if path.is_dir():
            raise ProfileError(f"{path}: is a folder, not a job profile file.")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ProfileError(
                f"{path}: is {size:,} bytes; a job profile is far smaller (at most {MAX_BYTES:,})."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError(f"{path}: no such job profile file.") from None
    except OSError as error:
        raise ProfileError(f"{path}: can't read it ({error.strerror or error}).") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ProfileError(
            f"{path}, line {line}: is not UTF-8 text; save the profile as UTF-8."
        ) from None
    return parse_profile(text, str(path))


def parse_profile(text: str, source: str = "profile") -> JobProfile:
    """Validate and build a profile; every error names the file, the line and the field."""
    if len(text) > MAX_BYTES:
        raise ProfileError(f"{source}: is {len(text):,} characters; a job profile is far smaller.")
    root = compose(text, source, error=ProfileError, what="job profile", max_nodes=MAX_NODES)
    if root is None:
        raise ProfileError(f"{source}: the file is empty.")
    return _Profile(source).profile(root)


class _Profile(NodeReader):
    def __init__(self, source: str) -> None:
        super().__init__(source, error=ProfileError)

    def fields(self, node: Node, path: str, allowed: tuple[str, ...]) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            self.fail(node, path, f"must be a mapping of fields, got {got(node)}.")
        return self.mapping(node, "" if path == "profile" else path, allowed, (), "fields")

    def string(self, node: Node | None, path: str, *, required: bool = False) -> str:
        """A scalar's text exactly as written ("" for nothing); lists and mappings refused."""
        if node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG):
            value = ""
        elif isinstance(node, ScalarNode):
            value = str(node.value)
        else:
            self.fail(node, path, f"must be text, got {got(node)}.")
        if required and not value.strip():
            self.fail(
                node if node is not None else _nowhere, path, "is required and can't be empty."
            )
        return value

    def level(self, node: Node | None, path: str) -> str:
        level = self.string(node, path).strip().lower()
        if level and level not in LEVELS:
            assert node is not None
            self.fail(node, path, f"must be one of {', '.join(LEVELS)} (or empty), got {level!r}.")
        return level

    def boolean(self, node: Node | None, path: str) -> bool:
        if node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG):
            return False
        return self.flag(node, path)

    def items(self, node: Node | None, path: str) -> list[Node]:
        if node is None:
            return []
        return self.sequence(node, path, "values", allow_empty=True)

    def texts(self, node: Node | None, path: str) -> tuple[str, ...]:
        return tuple(
            self.string(item, f"{path}[{i}]", required=True)
            for i, item in enumerate(self.items(node, path), 1)
        )

    def number(self, node: Node | None, path: str, *, default: int | None = None) -> int:
        if node is None and default is not None:
            return default
        if isinstance(node, ScalarNode) and node.tag == INT_TAG:
            value = self._constructor.construct_yaml_int(node)
            if isinstance(value, int) and value >= 1:
                return value
        self.fail(node or _nowhere, path, f"must be a whole number from 1, got {_shown(node)}.")

    def profile(self, root: Node) -> JobProfile:
        names = ("format", *(f.name for f in fields(JobProfile)))
        d = self.fields(root, "profile", names)
        if "format" in d and self.string(d["format"], "format") != FORMAT:
            self.fail(d["format"], "format", f"must be {FORMAT!r}, got {_shown(d['format'])}.")
        if "occupation" not in d:
            self.fail(root, "occupation", "is required and can't be empty.")
        functions = []
        for i, f in enumerate(self.items(d.get("functions"), "functions"), 1):
            where = f"functions[{i}]"
            fd = self.fields(f, where, ("name", "tasks"))
            if "name" not in fd:
                self.fail(f, f"{where}.name", "is required and can't be empty.")
            tasks = []
            for j, t in enumerate(self.items(fd.get("tasks"), f"{where}.tasks"), 1):
                tw = f"{where}.tasks[{j}]"
                if isinstance(t, ScalarNode):  # a bare string is a task: friendlier to edit
                    tasks.append(Task(text=self.string(t, f"{tw}.text", required=True)))
                    continue
                td = self.fields(t, tw, tuple(x.name for x in fields(Task)))
                tasks.append(
                    Task(
                        text=self.string(td.get("text"), f"{tw}.text", required=True),
                        level=self.level(td.get("level"), f"{tw}.level"),
                        lacking=self.boolean(td.get("lacking"), f"{tw}.lacking"),
                        source=self.string(td.get("source"), f"{tw}.source"),
                    )
                )
            name = self.string(fd["name"], f"{where}.name", required=True)
            functions.append(Function(name, tuple(tasks)))
        comps = []
        for i, c in enumerate(self.items(d.get("competencies"), "competencies"), 1):
            cw = f"competencies[{i}]"
            if isinstance(c, ScalarNode):
                comps.append(ProfileCompetency(text=self.string(c, f"{cw}.text", required=True)))
                continue
            cd = self.fields(c, cw, tuple(x.name for x in fields(ProfileCompetency)))
            comps.append(
                ProfileCompetency(
                    text=self.string(cd.get("text"), f"{cw}.text", required=True),
                    level=self.level(cd.get("level"), f"{cw}.level"),
                    ksa=self.string(cd.get("ksa"), f"{cw}.ksa"),
                    tier=self.string(cd.get("tier"), f"{cw}.tier"),
                    lacking=self.boolean(cd.get("lacking"), f"{cw}.lacking"),
                )
            )
        lists = {k: self.texts(d.get(k), k) for k in (*_TEXT_LISTS, "open_questions", "sources")}
        return JobProfile(
            occupation=self.string(d["occupation"], "occupation", required=True),
            version=self.number(d.get("version"), "version", default=1),
            level=self.level(d.get("level"), "level"),
            soc_code=self.string(d.get("soc_code"), "soc_code"),
            onet_code=self.string(d.get("onet_code"), "onet_code"),
            soc_title=self.string(d.get("soc_title"), "soc_title"),
            description=self.string(d.get("description"), "description"),
            functions=tuple(functions),
            competencies=tuple(comps),
            onet=self.onet(d.get("onet")),
            changes=self.changes(d.get("changes")),
            **lists,
        )

    def onet(self, node: Node | None) -> OnetFacts | None:
        if node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG):
            return None
        d = self.fields(node, "onet", tuple(f.name for f in fields(OnetFacts)))
        keys = ("job_zone", "education", "median_wage", "employment", "attribution")
        return OnetFacts(
            **{k: self.string(d.get(k), f"onet.{k}") for k in keys},
            technology=self.texts(d.get("technology"), "onet.technology"),
            related=self.texts(d.get("related"), "onet.related"),
            skills=self.texts(d.get("skills"), "onet.skills"),
            knowledge=self.texts(d.get("knowledge"), "onet.knowledge"),
        )

    def changes(self, node: Node | None) -> Changes | None:
        if node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG):
            return None
        d = self.fields(node, "changes", tuple(f.name for f in fields(Changes)))
        if "previous_version" not in d:
            self.fail(node, "changes.previous_version", "must be a whole number.")
        previous = self.number(d["previous_version"], "changes.previous_version")
        reworded = []
        for i, r in enumerate(self.items(d.get("reworded_tasks"), "changes.reworded_tasks"), 1):
            rw = f"changes.reworded_tasks[{i}]"
            rd = self.fields(r, rw, ("before", "after"))
            reworded.append(
                Reworded(
                    self.string(rd.get("before"), f"{rw}.before", required=True),
                    self.string(rd.get("after"), f"{rw}.after", required=True),
                )
            )
        lists = {k: self.texts(d.get(k), f"changes.{k}") for k in _CHANGE_LISTS}
        return Changes(previous_version=previous, reworded_tasks=tuple(reworded), **lists)


_nowhere = ScalarNode(NULL_TAG, "")
"""For a field that is missing altogether: it has no line to point at."""


def _shown(node: Node | None) -> str:
    if node is None:
        return "nothing"
    if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
        return f"{node.value} (true/false)"
    return got(node)
