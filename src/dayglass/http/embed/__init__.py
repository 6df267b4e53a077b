"""Embeds: a published report's chart data for pages on other sites."""
