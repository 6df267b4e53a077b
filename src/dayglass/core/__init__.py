"""The domain: standard library only, shared by the server and the agent."""
