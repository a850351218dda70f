"""Signing in: Django's model backend, with the user lookup every signed-in request makes prepared."""

from __future__ import annotations

from django.contrib.auth import backends, get_user_model

from history_site.prepared import PreparedQuery

_USER_BY_PK = PreparedQuery(lambda pk: get_user_model()._default_manager.filter(pk=pk), model=get_user_model())


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        if type(user_id) is not int:  # the session gives the key as the model's pk type
            return super().get_user(user_id)
        user = _USER_BY_PK.first(pk=user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
