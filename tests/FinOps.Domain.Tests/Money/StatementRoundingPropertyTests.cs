using CsCheck;
using FinOps.Domain.Money;

namespace FinOps.Domain.Tests.Money;

public class StatementRoundingPropertyTests
{
    private const int Cases = 10_000;

    [Fact]
    public void Rounded_lines_sum_exactly_to_the_half_even_rounded_total()
    {
        Gen.Select(Generators.Lines, Generators.Currency).Sample((lines, currency) =>
        {
            var set = StatementRounding.Round(lines, currency);
            var exactTotal = lines.Sum(l => l.Amount);
            var expectedTotal = decimal.Round(exactTotal, currency.MinorDigits, MidpointRounding.ToEven);

            Assert.Equal(expectedTotal, set.Total);
            Assert.Equal(set.Total, set.Lines.Sum(l => l.Amount));
            Assert.Equal(exactTotal, set.ExactTotal);
        }, iter: Cases);
    }

    [Fact]
    public void No_line_is_a_minor_unit_or_more_from_its_exact_amount()
    {
        Gen.Select(Generators.Lines, Generators.Currency).Sample((lines, currency) =>
        {
            var unit = 1m / currency.MinorUnitsPerMajor;
            foreach (var line in StatementRounding.Round(lines, currency).Lines)
            {
                Assert.True(Math.Abs(line.Amount - line.ExactAmount) < unit,
                    $"{line.Key}: {line.Amount} is {line.Amount - line.ExactAmount} from {line.ExactAmount}");
                Assert.True(new Domain.Money.Money(line.Amount, currency).IsWholeMinorUnits);
            }
        }, iter: Cases);
    }

    [Fact]
    public void The_result_does_not_depend_on_input_order()
    {
        Gen.Select(Generators.Lines, Generators.Currency, Gen.Int).Sample((lines, currency, seed) =>
        {
            var shuffled = lines.ToArray();
            new Random(seed).Shuffle(shuffled);

            var original = StatementRounding.Round(lines, currency);
            var reordered = StatementRounding.Round(shuffled, currency);

            Assert.Equal(original.Total, reordered.Total);
            Assert.Equal(original.Lines, reordered.Lines);
        }, iter: Cases);
    }

    [Fact]
    public void Exact_shares_of_random_weights_conserve_the_amount_and_round_to_its_total()
    {
        Gen.Select(Generators.Amount, Generators.Weight.Array[1, 30], Generators.Currency).Sample((amount, weights, currency) =>
        {
            var shares = ExactShares.Split(amount, weights);
            if (weights.All(w => w <= 0m))
            {
                Assert.Null(shares);
                return;
            }

            Assert.NotNull(shares);
            Assert.Equal(amount, shares.Sum());
            for (var i = 0; i < weights.Length; i++)
                if (weights[i] <= 0m) Assert.Equal(0m, shares[i]);

            var lines = shares.Select((s, i) => new ExactLine($"allocated|t{i:D2}|(all)|||pool", s));
            var set = StatementRounding.Round(lines, currency);
            Assert.Equal(decimal.Round(amount, currency.MinorDigits, MidpointRounding.ToEven), set.Total);
            Assert.Equal(set.Total, set.Lines.Sum(l => l.Amount));
        }, iter: Cases);
    }
}
