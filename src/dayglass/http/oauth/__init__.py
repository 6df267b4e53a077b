"""The OAuth2 provider: authorization code grant (with PKCE) on Authlib."""
