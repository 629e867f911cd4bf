from wagtail_modeladmin.views import DeleteView

from ...usage import live_pages_using


class ExerciseDeleteView(DeleteView):
    """Refuses, naming them, while published articles use the exercise; otherwise ModelAdmin's usual confirmation."""

    def get(self, request, *args, **kwargs):
        return self.refuse_if_in_use() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse_if_in_use() or super().post(request, *args, **kwargs)

    def refuse_if_in_use(self):
        pages = live_pages_using(self.instance)
        if not pages:
            return None
        # ModelAdmin's template lists ``linked_objects`` and offers no delete button.
        return self.render_to_response(self.get_context_data(protected_error=True, linked_objects=pages))
