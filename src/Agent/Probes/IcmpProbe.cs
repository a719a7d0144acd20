using System.Globalization;
using System.Net.NetworkInformation;
using Linkwatch.Shared.Kinds.Icmp;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// The <c>icmp</c> kind: <c>count</c> echo requests one after the other within the timeout.
/// Any loss is <c>packet_loss</c>, status down (docs/checks.md: a failing verdict means down; the
/// message says how many were lost, so an alert rule can tell 1 of 3 from 3 of 3). Phases:
/// rtt_min, rtt_avg, rtt_max over the replies, and total.
/// </summary>
public sealed class IcmpProbe : Probe<IcmpOptions>
{
    public const string RttMin = "rtt_min";
    public const string RttAvg = "rtt_avg";
    public const string RttMax = "rtt_max";

    public override string Kind => CheckKinds.Icmp;

    public override async Task<AttemptResult> RunAttemptAsync(ProbeAttempt attempt, IcmpOptions options,
        CancellationToken cancellationToken)
    {
        var resolved = await attempt.ResolveOrFailAsync(cancellationToken).ConfigureAwait(false);
        if (!resolved.Reached(out var address, out var phases))
            return resolved.Failure;

        var rtts = new List<double>();
        using var ping = new Ping();
        var payload = "linkwatch-icmp"u8.ToArray();
        for (var i = 0; i < options.Count; i++)
        {
            // Each request gets an equal share of what is left, so the whole run fits the timeout.
            var share = attempt.Remaining / (options.Count - i);
            if (share < TimeSpan.FromMilliseconds(1))
                break;
            try
            {
                var reply = await ping.SendPingAsync(address, share, payload, null, cancellationToken).ConfigureAwait(false);
                if (reply.Status == IPStatus.Success)
                    rtts.Add(reply.RoundtripTime);
            }
            catch (PingException e)
            {
                return Attempts.Connected(resolved.Dial, attempt, Verdicts.Error,
                    $"cannot send ICMP echo requests: {(e.InnerException ?? e).Message}", phases);
            }
        }

        if (rtts.Count > 0)
        {
            phases[RttMin] = rtts.Min();
            phases[RttAvg] = Math.Round(rtts.Average(), 3);
            phases[RttMax] = rtts.Max();
        }
        var lost = options.Count - rtts.Count;
        return lost == 0
            ? Attempts.Connected(resolved.Dial, attempt, Verdicts.Ok, null, phases)
            : Attempts.Connected(resolved.Dial, attempt, Verdicts.PacketLoss, string.Create(CultureInfo.InvariantCulture,
                $"{lost} of {options.Count} echo requests to {AddressFamilies.Format(address)} lost"), phases);
    }
}
