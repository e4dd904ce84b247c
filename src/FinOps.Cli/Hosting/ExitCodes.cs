namespace FinOps.Cli.Hosting;

public static class ExitCodes
{
    public const int Done = 0;
    public const int Refused = 1;
    public const int Usage = 2;
}
