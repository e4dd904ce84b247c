using FinOps.Domain.Access;

namespace FinOps.Application.Access;

/// <summary>The caller's <see cref="AccessScope"/>: the signed-in user's in the web app; everything for jobs and the CLI.</summary>
public interface ICurrentScope
{
    ValueTask<AccessScope> GetAsync(CancellationToken cancellationToken);
}

/// <summary>For code that acts for the organisation itself: background jobs and the operator's CLI.</summary>
public sealed class SystemScope : ICurrentScope
{
    public ValueTask<AccessScope> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(AccessScope.Unrestricted);
}
