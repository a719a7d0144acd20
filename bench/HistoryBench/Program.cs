using Linkwatch.HistoryBench;

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

var temporary = options.DataDirectory is null;
var data = options.DataDirectory ?? Directory.CreateTempSubdirectory("linkwatch-historybench-").FullName;
Directory.CreateDirectory(data);
try
{
    var store = SeededStore.Read(data);
    if (store is null || !store.Fits(options))
    {
        if (store is not null || Directory.EnumerateFileSystemEntries(data).Any())
        {
            Console.Error.WriteLine($"{data} holds something other than a store seeded with these options: give an empty or new folder.");
            return 2;
        }
        Console.WriteLine($"seeding {options.RawResults:N0} raw results and {options.RollupDays} days of rollups into {data}");
        store = await Seeder.SeedAsync(options, data);
    }
    else
    {
        Console.WriteLine($"reusing the store seeded in {data}");
    }

    var report = await HistoryRun.RunAsync(options, store, data);
    report.Print(Console.Out);
    if (options.WriteDocs)
    {
        var path = options.DocsPath ?? RepoPaths.BenchmarksDoc;
        report.WriteTo(path);
        Console.WriteLine($"Wrote the History section of {path}");
    }
    return report.Met ? 0 : 1;
}
finally
{
    if (temporary)
        Directory.Delete(data, recursive: true);
}
