using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Linkwatch.Server.Alerts;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Notifications.Channels.Apprise;

/// <summary>
/// Apprise (Debian's <c>apprise</c> command) for the 100+ services without a plug-in of their own:
/// <c>apprise -vv -n TYPE -t TITLE -b BODY URL...</c> as a child process. Exit code 0 is a delivery; anything
/// else fails with the tail of its output, which is where apprise says what went wrong. The per-attempt
/// timeout cancels the send, and cancelling kills the process tree so no apprise outlives its attempt.
/// </summary>
public sealed class AppriseChannel(IOptions<AlertsOptions> options) : NotificationChannel<AppriseSettings>("apprise")
{
    /// <summary>Enough of apprise's -vv output to show the failing service's complaint, short enough for the delivery log.</summary>
    private const int OutputTail = 1500;

    protected override async Task<DeliveryResult> SendAsync(Notification n, AppriseSettings settings, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.Value.AppriseCommand)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        // An argument list, never a shell line: titles and bodies carry check names typed by users.
        foreach (var arg in new[] { "-vv", "-n", NotifyType(n.Event), "-t", n.Title, "-b", n.Message })
            start.ArgumentList.Add(arg);
        foreach (var url in settings.Urls!)
            start.ArgumentList.Add(url);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("no process");
        }
        catch (Win32Exception ex)
        {
            return DeliveryResult.Failed($"cannot run '{options.Value.AppriseCommand}' (apt-get install apprise): {ex.Message}");
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var output = (await stderr + await stdout).Trim();
            if (process.ExitCode == 0)
                return DeliveryResult.Ok();
            var tail = output.Length > OutputTail ? "..." + output[^OutputTail..] : output;
            return DeliveryResult.Failed($"apprise exited with {process.ExitCode}{Meaning(process.ExitCode)}: {tail}");
        }
    }

    /// <summary>Apprise's notification types pick each service's colour or icon.</summary>
    private static string NotifyType(string @event) => @event switch
    {
        NotificationEvents.Opened => "failure",
        NotificationEvents.Resolved => "success",
        NotificationEvents.Reminder => "warning",
        _ => "info",
    };

    private static string Meaning(int exitCode) => exitCode switch
    {
        1 => " (a service failed to send)",
        2 => " (bad command line)",
        3 => " (no URL was usable)",
        _ => "",
    };
}
