namespace Linkwatch.Shared;

/// <summary>Verdict names. They are a contract: alert rules, API and storage use them.</summary>
public static class Verdicts
{
    // Common to every kind.
    public const string Ok = "ok";
    public const string ResolveFailed = "resolve_failed";
    public const string ConnectRefused = "connect_refused";
    public const string ConnectTimeout = "connect_timeout";
    public const string Unreachable = "unreachable";
    public const string Reset = "reset";
    public const string Timeout = "timeout";
    public const string Error = "error";

    // Address families.
    public const string Ipv6Failing = "ipv6_failing";
    public const string Ipv4Failing = "ipv4_failing";
    public const string FamilyLatencyDivergence = "family_latency_divergence";
    /// <summary>Not a failure: the name has no address in the attempt's family.</summary>
    public const string NoAddress = "no_address";

    // tls
    public const string TlsFailed = "tls_failed";
    public const string TlsTimeout = "tls_timeout";
    public const string CertInvalid = "cert_invalid";
    public const string CertExpiring = "cert_expiring";

    // http
    public const string StatusMismatch = "status_mismatch";
    public const string BodyMismatch = "body_mismatch";
    public const string JsonMismatch = "json_mismatch";

    // Every connection kind with maxLatencyMs.
    /// <summary>The attempt worked but its total time was over the check's latency limit (degraded).</summary>
    public const string TooSlow = "too_slow";

    // websocket
    public const string UpgradeFailed = "upgrade_failed";
    public const string EchoMismatch = "echo_mismatch";
    public const string HttpWsDivergence = "http_ws_divergence";

    // dns
    public const string NxDomain = "nxdomain";
    public const string ServFail = "servfail";
    public const string Refused = "refused";
    public const string NoAnswer = "no_answer";
    public const string AnswerMismatch = "answer_mismatch";
    public const string Truncated = "truncated";

    // udp
    public const string NoResponse = "no_response";
    public const string PortUnreachable = "port_unreachable";
    public const string ResponseMismatch = "response_mismatch";

    // half-close
    public const string ResponseLost = "response_lost";
    public const string ResponseTruncated = "response_truncated";
    public const string ResetAfterHalfClose = "reset_after_half_close";
    public const string ResponseCorrupted = "response_corrupted";

    // close-propagation
    public const string CloseNotPropagated = "close_not_propagated";

    // resolve
    public const string AddressChanged = "address_changed";

    // icmp
    public const string PacketLoss = "packet_loss";

    // grpc
    public const string NotServing = "not_serving";
    public const string ServiceUnknown = "service_unknown";

    // push
    public const string NoPush = "no_push";

    /// <summary>Verdicts whose status is degraded rather than down.</summary>
    public static bool IsDegraded(string verdict) => verdict is CertExpiring or AddressChanged
        or Ipv4Failing or Ipv6Failing or FamilyLatencyDivergence or TooSlow;

    /// <summary>
    /// The status a verdict implies. <see cref="NoAddress"/> is <see cref="Statuses.Absent"/>: an attempt status only,
    /// which leaves the result's status to the other family.
    /// </summary>
    public static string StatusOf(string verdict) =>
        verdict is Ok ? Statuses.Up : verdict is NoAddress ? Statuses.Absent : IsDegraded(verdict) ? Statuses.Degraded : Statuses.Down;
}
