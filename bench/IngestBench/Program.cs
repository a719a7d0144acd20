using Linkwatch.IngestBench;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
if (!File.Exists(RepoPaths.ServerDll))
{
    Console.Error.WriteLine($"{RepoPaths.ServerDll} is missing: run `dotnet build Dashboard.sln -c Release` first.");
    return 2;
}

var work = Directory.CreateTempSubdirectory("linkwatch-ingestbench-");
try
{
    var report = await IngestRun.RunAsync(options, work.FullName);
    report.Print(Console.Out);
    if (options.WriteDocs)
    {
        var path = options.DocsPath ?? RepoPaths.BenchmarksDoc;
        report.WriteTo(path);
        Console.WriteLine($"Wrote the Ingest section of {path}");
    }
    return report.StoredMatchesAcked && report.FailedCalls == 0 ? 0 : 1;
}
finally
{
    work.Delete(recursive: true);
}
