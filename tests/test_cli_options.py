"""One option vocabulary: an option spelled the same way means the same thing in every htx command, every
command that filters takes the same filters, every command that lists things can print JSON."""

import click
import pytest
from click.testing import CliRunner

from search_cli.app import cli

FILTERS = {"provinces", "merged", "since", "until"}
FILTERING = {"search", "stats", "compare", "facts", "topics"}
LISTING = {"search", "stats", "compare", "facts", "topics", "portals", "extract"}


def _commands(group=cli, prefix=""):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")
        else:
            yield prefix + name, command


def _options(command):
    return {p.name + ":" + "/".join(p.opts): p for p in command.params if isinstance(p, click.Option)}


def test_an_option_means_the_same_in_every_command():
    seen = {}
    for name, command in _commands():
        for key, option in _options(command).items():
            meaning = (option.help, option.is_flag, option.multiple, option.flag_value, str(option.type))
            first = seen.setdefault(key, (name, meaning))
            assert first[1] == meaning, f"{key} means one thing in 'htx {first[0]}' and another in 'htx {name}'"


def test_filtering_commands_take_every_filter_and_listing_commands_print_json():
    commands = dict(_commands())
    for name in FILTERING:
        assert FILTERS <= {p.name for p in commands[name].params}, name
    for name in LISTING:
        assert "--json" in {o for p in commands[name].params for o in p.opts}, name


def test_every_command_has_an_example_in_its_help():
    for name, command in _commands():
        assert "Example" in (command.help or ""), f"htx {name} --help shows no example"


@pytest.mark.parametrize("option", ["--data-dir", "--index"])
def test_data_dir_has_two_spellings(tmp_path, option):
    result = CliRunner().invoke(cli, [option, str(tmp_path / "none"), "stats"], standalone_mode=False)
    assert "no index in" in str(result.exception)
