"""Strict YAML loading: positions kept, duplicates, aliases, tabs and YAML 1.1 surprises caught."""

from copernica_directory.model.yamlsource import (
    Mapping,
    Scalar,
    Sequence,
    load_yaml,
    split_front_matter,
)


def test_values_keep_their_line_and_column() -> None:
    node, problems = load_yaml("name: Acme\nlocation:\n  city: Oslo\nlist: [a, b]\n", "p.yaml")
    assert problems == []
    assert isinstance(node, Mapping)
    city = node.entries["location"][1]
    assert isinstance(city, Mapping)
    value = city.entries["city"][1]
    assert isinstance(value, Scalar)
    assert (value.line, value.col, value.value) == (3, 9, "Oslo")
    items = node.entries["list"][1]
    assert isinstance(items, Sequence)
    assert [(i.line, i.col) for i in items.items] == [(4, 8), (4, 11)]


def test_duplicate_key_names_both_lines() -> None:
    _, problems = load_yaml("name: A\ntagline: x\nname: B\n", "p.yaml")
    assert [(p.line, p.col, p.field) for p in problems] == [(3, 1, "name")]
    assert "already set on line 1" in problems[0].message


def test_tab_indentation_is_explained() -> None:
    node, problems = load_yaml("location:\n\tcity: Oslo\n", "p.yaml")
    assert node is None
    assert [(p.line, p.col) for p in problems] == [(2, 1)]
    assert "tab" in problems[0].message and "spaces" in problems[0].message


def test_aliases_are_refused() -> None:
    _, problems = load_yaml("a: &x [1, 2]\nb: *x\n", "p.yaml")
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "aliases" in problems[0].message


def test_syntax_error_has_position() -> None:
    _, problems = load_yaml("name: Acme\nlist: [a, b\nother: 1\n", "p.yaml")
    assert len(problems) == 1
    assert problems[0].line >= 2
    assert problems[0].message.startswith("not valid YAML")


def test_yaml11_boolean_key_is_reported() -> None:
    _, problems = load_yaml("no: Norwegian\n", "p.yaml")
    assert problems[0].message == 'YAML reads this key as a boolean; quote it: "no"'


def test_raw_text_is_kept_for_booleans_and_numbers() -> None:
    node, _ = load_yaml("country: NO\nphone: +31201234567\n", "p.yaml")
    assert isinstance(node, Mapping)
    country = node.entries["country"][1]
    assert isinstance(country, Scalar)
    assert (country.value, country.raw, country.kind) == (False, "NO", "boolean")


def test_python_tags_are_not_constructed() -> None:
    for text in ("x: !!python/object/apply:os.system ['true']\n", "x: !custom 3\n"):
        _, problems = load_yaml(text, "p.yaml")
        assert [(p.line, p.col) for p in problems] == [(1, 4)]
        assert "tags" in problems[0].message


def test_impossible_date_is_reported() -> None:
    _, problems = load_yaml("date: 2026-13-45\n", "p.yaml")
    assert [(p.line, p.col) for p in problems] == [(1, 7)]
    assert problems[0].message.startswith("cannot read '2026-13-45'")


def test_empty_file() -> None:
    node, problems = load_yaml("# only a comment\n", "p.yaml")
    assert node is None
    assert problems[0].message == "the file is empty"


def test_front_matter_lines_are_offset() -> None:
    text = "---\ntitle: A\ndate: 2026-01-01\n---\nBody\n"
    front, body, offset, problems = split_front_matter(text, "c.md")
    assert problems == [] and body == "Body\n" and offset == 4
    node, _ = load_yaml(front or "", "c.md", line_offset=1)
    assert isinstance(node, Mapping)
    assert node.entries["date"][1].line == 3


def test_missing_front_matter() -> None:
    _, _, _, problems = split_front_matter("title: A\n", "c.md")
    assert "front matter missing" in problems[0].message


def test_yaml_bomb_is_refused_quickly() -> None:
    """Nested aliases (a "billion laughs") are refused at the first alias, never expanded."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        prev = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    node, problems = load_yaml("\n".join(lines) + "\n", "bomb.yaml")
    assert node is None
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (2, "not valid YAML: anchors and aliases (*name) are not allowed")
    ]
