"""newsbot: summaries, key figures and quotes of news articles, for Slack."""

__version__ = "0.1.0"
