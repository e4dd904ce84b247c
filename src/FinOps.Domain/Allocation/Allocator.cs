using FinOps.Domain.Billing;
using FinOps.Domain.Infra;
using FinOps.Domain.Money;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;

namespace FinOps.Domain.Allocation;

/// <summary>
/// Every cost of a period to tenant × feature (SEMANTICS §4–§7), as pure arithmetic over aggregates: vendor Usage
/// lines attributed to the usage they were billed for, in proportion to its list cost in the line's direction;
/// everything else into pools (<c>vendor:&lt;provider&gt;</c> and the infra pools) split by their rules; every share
/// exact; one rounding at the end. The identity (Σ lines = every cost, exactly; Σ rounded lines = the rounded
/// total) is part of the result.
/// </summary>
public static class Allocator
{
    public const string Unallocated = "(unallocated)";
    public const string IdleTenant = "(idle)";
    public const string AllFeatures = "(all)";

    /// <summary>Where a key-attributed line's cost goes when none of its tenant's usage matches it (SEMANTICS §4 step 0).</summary>
    public const string UnassignedFeature = "(unassigned)";

    /// <summary>
    /// Every amount of a period lives on one grid of 10^-12 of the currency unit (pro-rated portions are rounded to it,
    /// shares are split on it), a million times finer than any minor unit: sums of thousands of lines of any magnitude
    /// up to 10^16 stay exact in a 28-digit decimal, which is what makes the identity an equality.
    /// </summary>
    public const int Grid = 12;

    private static decimal OnGrid(decimal amount) => decimal.Round(amount, Grid, MidpointRounding.ToEven);

    public static AllocationResult Run(AllocationInput input)
    {
        // A statement covers the period; cost to date covers its part up to the as-of day (same arithmetic, §8).
        var period = input.Window;
        var warnings = new List<string>();
        var exact = new Dictionary<string, LineBuilder>(StringComparer.Ordinal);
        var pools = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var costTotal = 0m;
        var inPeriod = input.Usage.Where(c => period.Contains(c.Hour)).ToList();

        // Reserved capacity (§4): each commitment's rows form its own pool, split over the usage logged on its deployment
        // (declared, else named like the commitment); that usage is paid by the commitment, never by a usage line.
        var declared = input.Commitments.Where(c => InForceDuring(c, input.Commitments, period, input.Period.Zone)).ToList();
        // Only commitments billed within the window count: a replay of an earlier day must not know of a later commitment line.
        bool Billed(CostLine b)
        {
            var offset = TimeSpan.FromHours(input.OffsetHours.GetValueOrDefault(b.Provider));
            return b.Charge.Start + offset < period.End && b.Charge.End + offset > period.Start;
        }
        var deployments = input.Bills.Where(b => b.Commitment is not null && Billed(b)).Select(b => (b.Provider, Id: b.Commitment!))
            .Concat(declared.Select(c => (c.Provider, c.Id))).Distinct()
            .ToDictionary(c => Commitments.Pool(c.Provider, c.Id),
                c => (c.Provider, Deployment: declared.Where(d => d.Provider == c.Provider && d.Id == c.Id).MaxBy(d => d.EffectiveFrom)?.Deployment ?? c.Id));
        var committed = deployments.Values.ToHashSet();

        // Direct attribution (§4 steps 0–4).
        var byModel = inPeriod.Where(c => !committed.Contains((c.Provider, c.Deployment)))
            .GroupBy(c => (c.Provider, c.ModelId)).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Hour).ToList());
        var cachedStated = input.Bills.Where(b => b.Direction == TokenDirection.CachedInput)
            .Select(b => (b.Provider, b.ModelId, b.Charge)).ToHashSet();
        var directByTarget = new Dictionary<(string Tenant, string Feature, string Provider, string Model), decimal>();
        // Step 0: the lines whose vendor key finance mapped belong to its tenant; the tenants that have such a line in a
        // provider × model × window take no share of that window's unmapped lines.
        var keyMap = new KeyMap(input.KeyMappings, input.Period.Zone);
        var attributed = input.Bills.Select(b => b.Category == ChargeCategory.Usage && b.ModelId is not null && !b.UnusedCommitment
            ? keyMap.Resolve(b.Keys, b.Charge.Start) : null).ToList();
        var mappedTenants = input.Bills.Zip(attributed).Where(p => p.Second is not null)
            .GroupBy(p => (p.First.Provider, p.First.ModelId, p.First.Charge))
            .ToDictionary(g => g.Key, g => g.Select(p => p.Second!.Tenant).ToHashSet(StringComparer.Ordinal));
        for (var b = 0; b < input.Bills.Count; b++)
        {
            var stated = input.Bills[b];
            var byKey = attributed[b];
            var offset = TimeSpan.FromHours(input.OffsetHours.GetValueOrDefault(stated.Provider));
            var charge = new TimeWindow(stated.Charge.Start + offset, stated.Charge.End + offset);
            var portion = OnGrid(ProRating.PortionIn(stated.Cost, charge, period));
            if (portion == 0m) continue;
            costTotal += portion;
            if (stated.Commitment is { } commitment)
            {
                Add(pools, Commitments.Pool(stated.Provider, commitment), portion);
                continue;
            }
            var vendorPool = $"vendor:{stated.Provider}";
            if (stated.Category != ChargeCategory.Usage || stated.ModelId is not { } modelId || stated.UnusedCommitment)
            {
                Add(pools, vendorPool, portion);
                continue;
            }
            var overlap = charge.IsEmpty ? charge : charge.Intersect(period);
            // The model's cells are in hour order: the line's candidates are one run of them, found by binary search.
            var taken = byKey is null ? mappedTenants.GetValueOrDefault((stated.Provider, stated.ModelId, stated.Charge)) : null;
            var candidates = Between(byModel.GetValueOrDefault((stated.Provider, modelId)) ?? [],
                    charge.IsEmpty ? charge.Start.AddHours(-1).AddTicks(1) : overlap.Start, charge.IsEmpty ? charge.Start.AddTicks(1) : overlap.End)
                .Where(c => byKey is null ? taken is null || !taken.Contains(c.Tenant) : c.Tenant == byKey.Tenant)
                .GroupBy(c => (c.Tenant, c.Feature, c.Model))
                .Select(g => (g.Key, Weight: g.Sum(c => WeightOf(c, stated.Direction, !cachedStated.Contains((stated.Provider, stated.ModelId, stated.Charge)), input, warnings))))
                .OrderBy(t => t.Key.Tenant, StringComparer.Ordinal).ThenBy(t => t.Key.Feature, StringComparer.Ordinal)
                .ToList();
            var shares = candidates.Count == 0 ? null : ExactShares.Split(portion, candidates.Select(c => c.Weight).ToList(), Grid);
            if (shares is null && byKey is not null)
            {
                // The key names the tenant, but none of its usage matches the line: its unassigned feature carries it.
                var unassigned = (byKey.Tenant, byKey.Feature ?? UnassignedFeature, stated.Model ?? "");
                Direct(unassigned, portion, byKey.Key);
                continue;
            }
            if (shares is null)
            {
                Add(pools, vendorPool, portion); // unattributed: into the provider's shared pool, reported with it
                continue;
            }
            for (var i = 0; i < candidates.Count; i++) Direct(candidates[i].Key, shares[i], byKey?.Key);

            void Direct((string Tenant, string Feature, string Model) target, decimal amount, AttributionKey? key)
            {
                var line = Line(exact, LineType.Direct, target.Tenant, target.Feature, stated.Provider, target.Model, "");
                line.Amount += amount;
                if (key is not null) line.ByKey(amount, key);
                Add(directByTarget, (target.Tenant, target.Feature, stated.Provider, target.Model), amount);
            }
        }
        // A direct line carries its tenant × feature's tokens of that model in the period.
        foreach (var g in inPeriod.GroupBy(c => (c.Tenant, c.Feature, c.Provider, c.Model)))
            if (exact.TryGetValue(StatementLine.KeyOf(LineType.Direct, g.Key.Tenant, g.Key.Feature, g.Key.Provider, g.Key.Model, ""), out var line))
                (line.Input, line.Cached, line.Output) = (g.Sum(c => c.UncachedInput + c.CachedInput), g.Sum(c => c.CachedInput), g.Sum(c => c.Output));

        // Infra pools (§1 pro-rating, §5 capacity).
        var capacity = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var cost in input.Infra)
        {
            var portion = OnGrid(ProRating.PortionIn(cost.Amount, cost.Span, period));
            costTotal += portion;
            Add(pools, cost.Pool, portion);
            if (cost is { Category: InfraCostCategory.GpuHours, Quantity: { } hours })
                Add(capacity, cost.Pool, ProRating.PortionIn(hours * 3600m, cost.Span, period));
        }

        // A declared commitment's capacity: its tokens per minute × the minutes of the period each declaration is in force.
        foreach (var commitment in declared)
        {
            var (from, until) = InForce(commitment, input.Commitments, input.Period.Zone);
            var inForce = new TimeWindow(from > period.Start ? from : period.Start, until < period.End ? until : period.End);
            if (!inForce.IsEmpty && inForce.End > inForce.Start)
                Add(capacity, Commitments.Pool(commitment.Provider, commitment.Id), commitment.CapacityTokensPerMinute * (decimal)(inForce.End - inForce.Start).TotalMinutes);
        }

        // Pool allocation (§5), each pool split once over its whole period cost.
        var uses = new List<CommitmentUse>();
        foreach (var (pool, amount) in pools.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var rule = input.Rules.Where(r => r.Pool == pool && r.InForce(input.Period)).OrderByDescending(r => r.EffectiveFrom).FirstOrDefault()
                       ?? DefaultRule(pool, inPeriod, deployments);
            var paid = capacity.TryGetValue(pool, out var c) ? c : (decimal?)null;
            SplitPool(pool, amount, rule, paid, inPeriod, directByTarget, input, exact, warnings);
            if (deployments.TryGetValue(pool, out var deployment))
                uses.Add(new CommitmentUse(pool, deployment.Provider, pool[(Commitments.PoolPrefix.Length + deployment.Provider.Length + 1)..], deployment.Deployment, amount,
                    inPeriod.Where(rule.Filter.Matches).Sum(u => u.Tokens), paid, rule.Idle));
        }

        foreach (var adjustment in input.Adjustments)
        {
            costTotal += adjustment.ExactAmount;
            Line(exact, LineType.Adjustment, adjustment.Tenant, adjustment.Feature, adjustment.Provider, adjustment.Model, adjustment.Pool,
                adjustsPeriod: adjustment.ClosedPeriod).Amount += adjustment.ExactAmount;
        }

        var exactTotal = exact.Values.Sum(l => l.Amount);
        var rounded = StatementRounding.Round(exact.Values.Select(l => new ExactLine(l.Key, l.Amount)), input.Currency);
        var amounts = rounded.Lines.ToDictionary(l => l.Key, l => l.Amount, StringComparer.Ordinal);
        var lines = exact.Values.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Build(amounts[l.Key])).ToList();
        return new AllocationResult(lines, costTotal, exactTotal, rounded.Total, warnings.Distinct().ToList()) { Commitments = uses };
    }

    /// <summary>When a declaration holds: from its day until the commitment's next declaration (open-ended without one).</summary>
    private static (DateTimeOffset From, DateTimeOffset Until) InForce(DeclaredCommitment commitment, IReadOnlyList<DeclaredCommitment> all, ReportingTimeZone zone)
    {
        var next = all.Where(c => c.Provider == commitment.Provider && c.Id == commitment.Id && c.EffectiveFrom > commitment.EffectiveFrom)
            .Select(c => (DateOnly?)c.EffectiveFrom).Min();
        return (zone.StartOfDay(commitment.EffectiveFrom), next is { } day ? zone.StartOfDay(day) : DateTimeOffset.MaxValue);
    }

    private static bool InForceDuring(DeclaredCommitment commitment, IReadOnlyList<DeclaredCommitment> all, TimeWindow window, ReportingTimeZone zone) =>
        InForce(commitment, all, zone) is var (from, until) && from < window.End && until > window.Start;

    /// <summary>The cells (in hour order) whose hour is in [from, to).</summary>
    private static IEnumerable<UsageCell> Between(List<UsageCell> cells, DateTimeOffset from, DateTimeOffset to)
    {
        var (low, high) = (0, cells.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (cells[middle].Hour < from) low = middle + 1;
            else high = middle;
        }
        for (var i = low; i < cells.Count && cells[i].Hour < to; i++) yield return cells[i];
    }

    /// <summary>§4 step 2: the list cost of the usage in the direction the line bills; tokens of that direction when the model has no card.</summary>
    private static decimal WeightOf(UsageCell c, TokenDirection direction, bool noCachedLine, AllocationInput input, List<string> warnings)
    {
        var price = input.Prices.InForce(new PricedName(c.ModelId, c.AliasId), c.Hour);
        var (uncached, cached, output) = direction switch
        {
            TokenDirection.Input => (c.UncachedInput, noCachedLine ? c.CachedInput : 0L, 0L),
            TokenDirection.CachedInput => (0L, c.CachedInput, 0L),
            TokenDirection.Output => (0L, 0L, c.Output),
            _ => (c.UncachedInput, c.CachedInput, c.Output),
        };
        if (price is not null) return price.ListCost(uncached, cached, output, c.Batch);
        warnings.Add($"no price card for {c.Provider}/{c.Model}: its bills are attributed by tokens");
        return uncached + cached + output;
    }

    /// <summary>
    /// §5 defaults: a vendor pool by direct cost over its provider; a commitment by the tokens of its deployment's usage;
    /// an infra pool by GPU-seconds (or tokens) of its deployment; idle shared.
    /// </summary>
    private static AllocationRule DefaultRule(string pool, IReadOnlyList<UsageCell> usage,
        IReadOnlyDictionary<string, (string Provider, string Deployment)> commitments)
    {
        var none = new HashSet<string>();
        if (commitments.TryGetValue(pool, out var commitment))
            return new AllocationRule($"default:{pool}", 0, pool, Driver.Tokens, TargetLevel.TenantFeature,
                new UsageFilter(new HashSet<string> { commitment.Deployment }, new HashSet<string> { commitment.Provider }, none, none), IdleTreatment.Share,
                DateOnly.MinValue);
        if (pool.StartsWith("vendor:", StringComparison.Ordinal))
            return new AllocationRule($"default:{pool}", 0, pool, Driver.DirectCost, TargetLevel.TenantFeature,
                new UsageFilter(none, new HashSet<string> { pool["vendor:".Length..] }, none, none), IdleTreatment.Share, DateOnly.MinValue);
        var gpu = usage.Any(c => c.Deployment == pool && c.GpuSeconds > 0);
        return new AllocationRule($"default:{pool}", 0, pool, gpu ? Driver.GpuSeconds : Driver.Tokens, TargetLevel.TenantFeature,
            new UsageFilter(new HashSet<string> { pool }, none, none, none), IdleTreatment.Share, DateOnly.MinValue);
    }

    private static void SplitPool(string pool, decimal amount, AllocationRule rule, decimal? capacity, IReadOnlyList<UsageCell> usage,
        Dictionary<(string Tenant, string Feature, string Provider, string Model), decimal> direct, AllocationInput input,
        Dictionary<string, LineBuilder> exact, List<string> warnings)
    {
        var cells = usage.Where(rule.Filter.Matches).ToList();
        string FeatureOf(string feature) => rule.Targets == TargetLevel.Tenant ? AllFeatures : feature;
        var driverName = AllocationRule.DriverName(rule.Driver);

        var weights = new Dictionary<(string Tenant, string Feature), decimal>();
        switch (rule.Driver)
        {
            case Driver.DirectCost:
                foreach (var ((tenant, feature, provider, model), value) in direct)
                    if ((rule.Filter.Providers.Count == 0 || rule.Filter.Providers.Contains(provider)) && (rule.Filter.Models.Count == 0 || rule.Filter.Models.Contains(model))
                        && (rule.Filter.Tenants.Count == 0 || rule.Filter.Tenants.Contains(tenant)))
                        Add(weights, (tenant, FeatureOf(feature)), value);
                break;
            case Driver.FixedShares:
                foreach (var (target, percent) in rule.Shares ?? new Dictionary<string, decimal>())
                {
                    var parts = target.Split('/', 2);
                    Add(weights, (parts[0], parts.Length == 2 ? parts[1] : AllFeatures), percent);
                }
                break;
            case Driver.Even:
                foreach (var target in cells.Select(c => (c.Tenant, FeatureOf(c.Feature))).Distinct()) weights[target] = 1m;
                break;
            default:
                foreach (var c in cells) Add(weights, (c.Tenant, FeatureOf(c.Feature)), Quantity(rule, c, input));
                break;
        }

        // Idle only where the pool states a capacity and the driver measures it: GPU-seconds of an infra pool, tokens of a commitment (§5).
        var idleTarget = ((string Tenant, string Feature)?)null;
        var tokenCapacity = Commitments.IsPool(pool) && rule.Driver == Driver.Tokens;
        if (capacity is { } paid && (rule.Driver == Driver.GpuSeconds || tokenCapacity) && rule.Idle != IdleTreatment.Share)
        {
            var used = tokenCapacity ? cells.Sum(c => (decimal)c.Tokens) : cells.Sum(c => c.GpuSeconds);
            if (used > paid) warnings.Add($"pool {pool} used {used:N0} {(tokenCapacity ? "tokens" : "GPU-seconds")} of {paid:N0} paid: over capacity");
            idleTarget = rule.Idle == IdleTreatment.Keep ? (IdleTenant, "") : (rule.PlatformTenant ?? IdleTenant, "(idle)");
            weights[idleTarget.Value] = Math.Max(0m, paid - used);
        }

        var targets = weights.OrderBy(w => w.Key.Tenant, StringComparer.Ordinal).ThenBy(w => w.Key.Feature, StringComparer.Ordinal).ToList();
        var shares = ExactShares.Split(amount, targets.Select(t => t.Value).ToList(), Grid);
        if (shares is null)
        {
            Line(exact, LineType.Unallocated, Unallocated, "", "", "", pool, rule, driverName).Amount += amount;
            return;
        }
        var total = targets.Sum(t => Math.Max(0m, t.Value));
        for (var i = 0; i < targets.Count; i++)
        {
            if (targets[i].Value <= 0m) continue;
            var (tenant, feature) = targets[i].Key;
            var type = idleTarget is { } idle && targets[i].Key == idle && rule.Idle == IdleTreatment.Keep ? LineType.Idle : LineType.Allocated;
            var line = Line(exact, type, tenant, feature, "", "", pool, rule, driverName);
            line.Amount += shares[i];
            line.DriverQuantity = (line.DriverQuantity ?? 0m) + targets[i].Value;
            line.Share = (line.Share ?? 0m) + targets[i].Value / total;
        }
    }

    private static decimal Quantity(AllocationRule rule, UsageCell c, AllocationInput input) => rule.Driver switch
    {
        Driver.Tokens => c.Tokens,
        Driver.InputTokens => c.UncachedInput + c.CachedInput,
        Driver.OutputTokens => c.Output,
        Driver.WeightedTokens => rule.Weights is var (wi, wc, wo) ? wi * c.UncachedInput + wc * c.CachedInput + wo * c.Output : c.Tokens,
        Driver.Requests => c.Requests,
        Driver.GpuSeconds => c.GpuSeconds,
        Driver.ListCost => input.Prices.InForce(new PricedName(c.ModelId, c.AliasId), c.Hour)?.ListCost(c.UncachedInput, c.CachedInput, c.Output, c.Batch) ?? 0m,
        _ => 0m,
    };

    private static LineBuilder Line(Dictionary<string, LineBuilder> lines, LineType type, string tenant, string feature, string provider, string model,
        string pool, AllocationRule? rule = null, string? driver = null, string? adjustsPeriod = null)
    {
        var key = StatementLine.KeyOf(type, tenant, feature, provider, model, pool, adjustsPeriod);
        if (!lines.TryGetValue(key, out var line))
            lines[key] = line = new LineBuilder(type, tenant, feature, provider, model, pool, rule?.Id, rule?.Version, driver, adjustsPeriod);
        return line;
    }

    private static void Add<TKey>(Dictionary<TKey, decimal> sums, TKey key, decimal value) where TKey : notnull =>
        sums[key] = sums.GetValueOrDefault(key) + value;

    private sealed class LineBuilder(LineType type, string tenant, string feature, string provider, string model, string pool, string? ruleId, int? ruleVersion,
        string? driver, string? adjustsPeriod = null)
    {
        public string Key { get; } = StatementLine.KeyOf(type, tenant, feature, provider, model, pool, adjustsPeriod);
        public decimal Amount { get; set; }
        public decimal? DriverQuantity { get; set; }
        public decimal? Share { get; set; }
        public long Input { get; set; }
        public long Cached { get; set; }
        public long Output { get; set; }
        private decimal _keyAmount;
        private SortedSet<string>? _keys;

        /// <summary>Part of this line came by a vendor key: how much, and which.</summary>
        public void ByKey(decimal amount, AttributionKey key)
        {
            _keyAmount += amount;
            (_keys ??= new SortedSet<string>(StringComparer.Ordinal)).Add(key.ToString());
        }

        public StatementLine Build(decimal rounded) =>
            new(type, tenant, feature, provider, model, pool, ruleId, ruleVersion, driver, DriverQuantity, Share, Input, Cached, Output, Amount, rounded, adjustsPeriod,
                _keyAmount, _keys is null ? null : string.Join("; ", _keys));
    }
}
