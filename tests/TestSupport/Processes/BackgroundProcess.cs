using System.Diagnostics;
using System.Text;

namespace Linkwatch.TestSupport;

/// <summary>A long-running program (a server in a namespace), its output captured, killed with its children on dispose.</summary>
public sealed class BackgroundProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BackgroundProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static BackgroundProcess Start(string name, string file, IEnumerable<string> args)
    {
        var info = Command.StartInfo(file, args);
        var process = new Process { StartInfo = info };
        var child = new BackgroundProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child.Append("$ " + Command.Describe(info));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Describes the process for a failure message: name, state and everything it printed.</summary>
    public string Describe() => $"{Name} ({(HasExited ? $"exited {_process.ExitCode}" : "running")}):\n{Output}";

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Append(line).Append('\n');
    }

    public async ValueTask DisposeAsync()
    {
        Command.Kill(_process);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // The namespace teardown kills whatever is still inside.
        }
        _process.Dispose();
    }
}
