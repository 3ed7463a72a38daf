"""factory_boy factories shared by the whole suite."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.roles import Role
from actors.models import Actor, ActorAlias
from articles.models import Article
from articles.text import content_sha256
from claims.models import Claim, ClaimLink


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def role(self, create: bool, extracted: Role | str | None, **kwargs) -> None:
        if create and extracted:
            self.groups.add(Group.objects.get(name=Role(extracted).value))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    body = factory.Sequence(lambda n: f"Article {n}\n\nThe ministry said on day {n} that talks had failed.")
    outlet = "Example News"
    published_at = factory.Faker("date_time_this_decade", tzinfo=factory.Faker("pytimezone"))
    content_sha256 = factory.LazyAttribute(lambda article: content_sha256(article.body))


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    kind = Actor.Kind.STATE
    code = ""


class ActorAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorAlias

    actor = factory.SubFactory(ActorFactory)
    alias = factory.Sequence(lambda n: f"alias {n}")
    normalised = factory.LazyAttribute(lambda a: a.alias.casefold())


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    published_at = factory.LazyAttribute(lambda claim: claim.article.published_at)
    speaker = factory.SubFactory(ActorFactory)
    kind = Claim.Kind.CLAIM
    content_start = 0
    content_end = factory.LazyAttribute(lambda claim: min(20, len(claim.article.body)))
    content_spans = factory.LazyAttribute(lambda claim: [[claim.content_start, claim.content_end]])
    quote_text = factory.LazyAttribute(
        lambda claim: claim.article.body[claim.content_start : claim.content_end]
    )
    confidence = 0.8


class ClaimLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimLink

    source = factory.SubFactory(ClaimFactory, kind=Claim.Kind.DENIAL)
    target = factory.SubFactory(ClaimFactory)
    relation = ClaimLink.Relation.REBUTS
