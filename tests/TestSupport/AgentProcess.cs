namespace Linkwatch.TestSupport;

/// <summary>The real agent program: enrolled against a test server, then running.</summary>
public static class AgentProcess
{
    private static readonly TimeSpan EnrollTimeout = TimeSpan.FromSeconds(60);

    public static async Task EnrollAsync(Uri server, string name, string dataDirectory, string token = ServerProcess.EnrollmentToken)
    {
        await using var enroll = ChildProcess.Start(Repo.AgentDll,
            ["enroll", "--server", server.ToString(), "--token", token, "--name", name, "--data-dir", dataDirectory]);
        var exit = await enroll.WaitForExitAsync(EnrollTimeout);
        Assert.True(exit == 0, $"enroll exited {exit}:\n{enroll.Output}");
    }

    public static ChildProcess Run(string dataDirectory) =>
        ChildProcess.Start(Repo.AgentDll, ["run", "--no-responder", "--data-dir", dataDirectory]);

    /// <summary>Runs with its responder on <paramref name="portBase"/>..+5, advertised to other agents at <paramref name="advertise"/>.</summary>
    public static ChildProcess RunWithResponder(string dataDirectory, int portBase, string advertise = "127.0.0.1") =>
        ChildProcess.Start(Repo.AgentDll,
            ["run", "--responder-port-base", portBase.ToString(System.Globalization.CultureInfo.InvariantCulture), "--advertise", advertise, "--data-dir", dataDirectory]);
}
