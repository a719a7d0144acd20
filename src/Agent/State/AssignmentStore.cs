using System.Text.Json;

namespace Linkwatch.Agent.State;

/// <summary>
/// The last assignments the server pushed, kept on disk so the agent goes on checking while the
/// server is away, including across its own restarts.
/// </summary>
public sealed class AssignmentStore
{
    public const string FileName = "assignments.json";
    private readonly string _path;
    private readonly Lock _gate = new();
    private AssignmentSet? _current;

    public AssignmentStore(AgentRuntimeOptions options)
    {
        _path = Path.Combine(options.DataDirectory, FileName);
    }

    /// <summary>Raised after the set changed (from the server or loaded from disk).</summary>
    public event Action<AssignmentSet>? Changed;

    public AssignmentSet? Current
    {
        get { lock (_gate) return _current; }
    }

    /// <summary>The assignment of <paramref name="checkId"/> (aimed at <paramref name="peer"/> for a mesh check).</summary>
    public CheckAssignment? Find(long checkId, string? peer = null)
    {
        var current = Current;
        return current?.Checks.FirstOrDefault(c => c.CheckId == checkId && c.Peer == peer);
    }

    public AssignmentSet? LoadFromDisk()
    {
        if (!File.Exists(_path))
            return null;
        try
        {
            var set = JsonSerializer.Deserialize(File.ReadAllText(_path), AgentStateJsonContext.Default.AssignmentSet);
            if (set is not null)
                Apply(set, persist: false);
            return set;
        }
        catch (JsonException)
        {
            // A torn or foreign file is not worth dying for: the server sends the set again on connect.
            return null;
        }
    }

    public void Apply(AssignmentSet set, bool persist = true)
    {
        lock (_gate)
        {
            _current = set;
            if (persist)
            {
                var temporary = _path + ".tmp";
                File.WriteAllText(temporary, JsonSerializer.Serialize(set, AgentStateJsonContext.Default.AssignmentSet));
                // Assignments hold checks' secrets (an http check's basicAuth or bearer): the agent's user only.
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                File.Move(temporary, _path, overwrite: true);
            }
        }
        Changed?.Invoke(set);
    }
}
