from django.views.generic import TemplateView

from accounts.permissions import RoleRequiredMixin

from .selectors import article_list_latest


class HomeView(RoleRequiredMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = article_list_latest()
        return context
