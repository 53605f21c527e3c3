"""The command palette's reader commands: every action bound on the screen it was opened from, by description."""

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


class ReaderCommands(Provider):
    """Offers each of the screen's actions, with its key, in the command palette (ctrl+p)."""

    def _commands(self) -> list[tuple[str, str, Binding]]:
        """(name, help, binding) for each action of the screen, once per action."""
        seen: dict[str, tuple[str, str, Binding]] = {}
        for binding in Binding.make_bindings(self.screen.BINDINGS):
            if binding.action.startswith("app."):
                continue  # the app's own commands (quit) come from Textual's system commands
            if binding.action in seen:
                name, keys, first = seen[binding.action]
                seen[binding.action] = (name, f"{keys}, {self.app.get_key_display(binding)}", first)
            else:
                seen[binding.action] = (binding.description, self.app.get_key_display(binding), binding)
        return [(name, f"key: {keys}", binding) for name, keys, binding in seen.values()]

    async def discover(self) -> Hits:
        """All commands, in binding order, before anything is typed."""
        for name, help_text, binding in self._commands():
            yield DiscoveryHit(name, partial(self.screen.run_action, binding.action), help=help_text)

    async def search(self, query: str) -> Hits:
        """The commands whose name matches what was typed."""
        matcher = self.matcher(query)
        for name, help_text, binding in self._commands():
            score = matcher.match(name)
            if score > 0:
                command = partial(self.screen.run_action, binding.action)
                yield Hit(score, matcher.highlight(name), command, help=help_text)
