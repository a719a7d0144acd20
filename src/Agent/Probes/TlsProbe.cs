using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Linkwatch.Shared.Kinds.Tls;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// The <c>tls</c> kind: connect and complete a TLS handshake, checking chain, name and expiry.
/// Phases: connect, then tls (until the handshake finished). The message names the leaf's
/// subject and notAfter, so an alert says which certificate to renew.
/// </summary>
public sealed class TlsProbe(TimeProvider? time = null) : Probe<TlsOptions>
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public override string Kind => CheckKinds.Tls;

    public override async Task<AttemptResult> RunAttemptAsync(ProbeAttempt attempt, TlsOptions options,
        CancellationToken cancellationToken)
    {
        var trace = new DialTrace();
        if (!HttpProbeSupport.TryLoadRoots(options.CaFile, out var roots, out var rootsError))
            return Attempts.Failed(Verdicts.Error, rootsError!, attempt, trace);

        var dialed = await attempt.DialOrFailAsync(cancellationToken, trace).ConfigureAwait(false);
        if (!dialed.Reached(out var socket, out var phases))
            return dialed.Failure;

        var observation = new TlsObservation();
        X509Certificate2? leaf = null;
        var stream = new CountingStream(new NetworkStream(socket, ownsSocket: true), trace);
        await using var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        using var deadline = attempt.StartDeadline(cancellationToken);
        var handshakeStart = Stopwatch.GetTimestamp();
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = options.Sni ?? attempt.Target.Host,
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    leaf = certificate is null ? null : new X509Certificate2(certificate);
                    return observation.Check(certificate as X509Certificate2, chain, errors, options.Insecure, roots);
                },
            }, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            phases[Phases.Tls] = Timings.Since(handshakeStart);
            return Result(Verdicts.TlsTimeout, "timed out in the TLS handshake");
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            phases[Phases.Tls] = Timings.Since(handshakeStart);
            if (observation.Problem is { } problem)
                return Result(Verdicts.CertInvalid, $"certificate rejected: {problem}{Describe(leaf)}");
            return Result(Verdicts.TlsFailed, $"TLS handshake failed: {HttpProbeSupport.Innermost(e).Message}");
        }
        phases[Phases.Tls] = Timings.Since(handshakeStart);
        var (outcome, problemWithLeaf) = JudgeCertificate(leaf ?? (tls.RemoteCertificate is { } remote ? new X509Certificate2(remote) : null),
            options, _time.GetUtcNow());
        return Result(outcome, problemWithLeaf);

        AttemptResult Result(string verdict, string? error) =>
            Attempts.Connected(dialed.Dial, attempt, verdict, error, phases, trace.BytesSent, trace.BytesReceived);
    }

    private static (string Verdict, string? Error) JudgeCertificate(X509Certificate2? leaf, TlsOptions options, DateTimeOffset now) =>
        JudgeLeaf(leaf, options.ExpiryWarningDays, now);

    /// <summary>The expiry verdict of a handshake's leaf certificate, for every probe that speaks TLS.</summary>
    internal static (string Verdict, string? Error) JudgeLeaf(X509Certificate2? leaf, int expiryWarningDays, DateTimeOffset now) =>
        leaf is null
            ? (Verdicts.CertInvalid, "the server sent no certificate")
            : CertificateJudge.Judge(leaf.Subject, leaf.NotAfter.ToUniversalTime(), expiryWarningDays, now);

    private static string Describe(X509Certificate2? leaf) => leaf is null
        ? ""
        : CertificateJudge.Describe(leaf.Subject, leaf.NotAfter.ToUniversalTime());
}
