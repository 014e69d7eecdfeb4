"""One error hierarchy: each error carries the sentence a reporter should read."""

from __future__ import annotations


class NewsbotError(Exception):
    """A failure the user can cause or must know about; `str(err)` is the reply."""

    #: Exit status of the CLI for this error.
    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadInput(NewsbotError):
    """The input is not a link, file or text we can read."""


class FetchError(NewsbotError):
    """The page could not be downloaded."""


class SiteTooSlow(FetchError):
    """The page did not arrive within the fetch deadline: worth trying again later."""


class BlockedAddress(FetchError):
    """The link points at a private, loopback or otherwise internal address."""


class PageTooLarge(FetchError):
    """The page is larger than the download limit."""


class UnsupportedContent(FetchError):
    """The link is a PDF, image or other non-HTML document."""


class NotAnArticle(NewsbotError):
    """The page has no article body: too short, a login or paywall stub, a listing."""


class TooSlow(NewsbotError):
    """The job ran past its time budget (NEWSBOT_JOB_BUDGET)."""


class ModelUnavailable(NewsbotError):
    """The summarisation model cannot be downloaded or loaded."""


class PromptError(NewsbotError):
    """A prompt template is missing or uses a variable that was not given."""


class StoreBusy(NewsbotError):
    """The bot's store stayed locked (another process writing) for longer than we could wait."""


class SlackUnavailable(NewsbotError):
    """Slack kept failing (5xx, 429, connection errors) through our retries: try again later."""
