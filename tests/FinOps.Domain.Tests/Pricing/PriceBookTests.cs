using FinOps.Domain.Pricing;

namespace FinOps.Domain.Tests.Pricing;

public class PriceBookTests
{
    private const int Gpt4o = 7, May = 70, August = 71, Unpriced = 72;
    private static readonly DateTimeOffset Jan2024 = DateTimeOffset.Parse("2024-01-01T00:00:00Z"), Oct2026 = DateTimeOffset.Parse("2026-10-01T00:00:00Z");
    private static readonly Price Family = new(Jan2024, 2.50m, 1.25m, 10m, "USD");
    private static readonly Price MaySnapshot = new(Jan2024, 5m, 2.50m, 15m, "USD");

    [Fact]
    public void A_snapshot_card_prices_its_own_requests_and_the_family_card_every_other_name()
    {
        var book = new PriceBook([(new PricedName(Gpt4o), Family), (new PricedName(Gpt4o, May), MaySnapshot)]);

        Assert.Same(MaySnapshot, book.InForce(new PricedName(Gpt4o, May), Oct2026));
        Assert.Same(Family, book.InForce(new PricedName(Gpt4o, August), Oct2026));
        Assert.Same(Family, book.InForce(new PricedName(Gpt4o, Unpriced), Oct2026));
        Assert.Same(Family, book.InForce(Gpt4o, Oct2026));
    }

    [Fact]
    public void A_snapshot_card_not_yet_in_force_leaves_its_requests_to_the_family_card()
    {
        var later = MaySnapshot with { EffectiveFrom = Oct2026 };
        var book = new PriceBook([(new PricedName(Gpt4o), Family), (new PricedName(Gpt4o, May), later)]);

        Assert.Same(Family, book.InForce(new PricedName(Gpt4o, May), Oct2026.AddSeconds(-1)));
        Assert.Same(later, book.InForce(new PricedName(Gpt4o, May), Oct2026));
    }

    [Fact]
    public void A_model_priced_only_under_snapshot_names_is_priced_for_any_name_by_the_latest_snapshot_card_in_force()
    {
        var august = new Price(DateTimeOffset.Parse("2024-08-06T00:00:00Z"), 2.50m, 1.25m, 10m, "USD");
        var book = new PriceBook([(new PricedName(Gpt4o, May), MaySnapshot), (new PricedName(Gpt4o, August), august)]);

        Assert.Same(august, book.InForce(new PricedName(Gpt4o), Oct2026));
        Assert.Same(MaySnapshot, book.InForce(new PricedName(Gpt4o, May), Oct2026));
        Assert.Same(MaySnapshot, book.InForce(new PricedName(Gpt4o, Unpriced), DateTimeOffset.Parse("2024-06-01T00:00:00Z")));
        Assert.Null(book.InForce(new PricedName(Gpt4o), DateTimeOffset.Parse("2023-12-31T00:00:00Z")));
        Assert.Null(book.InForce(new PricedName(99), Oct2026));
    }
}
