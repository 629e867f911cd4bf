from wagtail_modeladmin.views import DeleteView

from ...usage import published_users


class GuardedDeleteView(DeleteView):
    """Refuses, naming it, while published content uses the item; otherwise ModelAdmin's usual confirmation.

    The models refuse the deletion themselves (``delete_guard.py``) with a
    ``ProtectedError``, which ModelAdmin would also turn into this page; asking
    first names the content that uses the item.
    """

    def get(self, request, *args, **kwargs):
        return self.refuse_if_in_use() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse_if_in_use() or super().post(request, *args, **kwargs)

    def refuse_if_in_use(self):
        users = published_users(self.model, [self.instance]).get(self.instance)
        if not users:
            return None
        # ModelAdmin's template lists ``linked_objects`` and offers no delete button.
        return self.render_to_response(self.get_context_data(protected_error=True, linked_objects=users))
