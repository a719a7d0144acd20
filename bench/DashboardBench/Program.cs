using Linkwatch.DashboardBench;

var options = BenchOptions.ParseOrExplain(args, Console.Error);
if (options is null)
    return 2;
if (!File.Exists(RepoPaths.ServerDll) || !File.Exists("/usr/bin/chromium"))
{
    Console.Error.WriteLine($"Needs {RepoPaths.ServerDll} (`dotnet build Dashboard.sln -c Release`) and /usr/bin/chromium.");
    return 2;
}

var work = Directory.CreateTempSubdirectory("linkwatch-dashboardbench-");
try
{
    var report = await DashboardRun.RunAsync(options, work.FullName);
    report.Print(Console.Out);
    if (options.WriteDocs)
    {
        report.WriteTo(RepoPaths.BenchmarksDoc);
        Console.WriteLine($"Wrote the Dashboard section of {RepoPaths.BenchmarksDoc}");
    }
    return report.RenderMet && report.LagMet ? 0 : 1;
}
finally
{
    work.Delete(recursive: true);
}
