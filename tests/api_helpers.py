"""Helpers for the REST API tests."""

from rest_framework.test import APIClient


def client_for(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user=user)
    return client
