using FinOps.Cli.Hosting;

return await FinOpsCli.RunAsync(args);
