from django.core.management.base import BaseCommand, CommandError

from demo.generation import DemoStats, generate_demo


class Command(BaseCommand):
    help = (
        "Generate synthetic articles and statements (actors from the knowledge base, all four kinds, "
        "rebuttal and repeat links, dates over the last years) for benchmarks and demos."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--claims", type=int, default=10000, help="statements in total")
        parser.add_argument("--days", type=int, default=3 * 365, help="publication dates span this many days")
        parser.add_argument("--batch-size", type=int, default=5000, help="statements per insert batch")
        parser.add_argument("--seed", type=int, default=None, help="random seed, for repeatable data")

    def handle(self, *args, articles, claims, days, batch_size, seed, **options):
        if articles < 1 or claims < articles:
            raise CommandError("--articles must be at least 1 and --claims at least --articles.")
        if batch_size < 1 or days < 1:
            raise CommandError("--batch-size and --days must be positive.")

        def progress(stats: DemoStats) -> None:
            rate = stats.claims / stats.seconds if stats.seconds else 0
            self.stdout.write(
                f"  {stats.articles:,}/{articles:,} articles, {stats.claims:,}/{claims:,} statements, "
                f"{stats.links:,} links ({rate:,.0f} statements/s)"
            )

        self.stdout.write(f"Generating {articles:,} articles with {claims:,} statements…")
        stats = generate_demo(
            articles=articles, claims=claims, days=days, batch_size=batch_size, seed=seed, progress=progress
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {stats.articles:,} articles, {stats.claims:,} statements, {stats.links:,} links, "
                f"{stats.actors_created:,} new actors in {stats.seconds:,.1f} s."
            )
        )
