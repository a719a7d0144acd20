using System.Diagnostics;
using System.Text.Json;

namespace Linkwatch.Server.Tests.Support;

/// <summary>
/// A real SMTP server: Debian's python3-aiosmtpd, run by a small controller script written to a temp dir.
/// STARTTLS (or TLS from the first byte) with the test's certificate, AUTH LOGIN/PLAIN required and only
/// accepted over TLS, and every received message written as a JSON file the test reads.
/// </summary>
public sealed class SmtpRelay : IAsyncDisposable
{
    public const string User = "alerts@relay.test";
    public const string Password = "relay-pass-0123";
    public const string Python = "/usr/bin/python3";

    private const string Script = """
        import asyncio, email, email.policy, json, os, ssl, sys, uuid
        from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

        mode, cert, key, mailbox, user, password = sys.argv[1:7]
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)

        def on_tls(server):
            return server.transport is not None and server.transport.get_extra_info("ssl_object") is not None

        def authenticator(server, session, envelope, mechanism, auth_data):
            # The relay's own proof, independent of what the client claims: was this AUTH inside TLS?
            session.auth_over_tls = on_tls(server)
            session.auth_mechanism = mechanism
            good = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
                    and auth_data.password.decode() == password and session.auth_over_tls)
            return AuthResult(success=good, handled=False)

        class Relay(SMTP):
            async def smtp_AUTH(self, arg):
                # SASL mechanism names are case-insensitive (RFC 4422 3.1) and Postfix and Exim treat them so;
                # some clients (.NET's System.Net.Mail among them) send "AUTH login", which aiosmtpd 1.4.3 alone refuses with 504.
                if arg:
                    parts = arg.split(None, 1)
                    arg = " ".join([parts[0].upper()] + parts[1:])
                return await super().smtp_AUTH(arg)

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                # Decoded by Python's own MIME parser, so the test reads what a mail client would show.
                parsed = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
                record = {
                    "subject": str(parsed["subject"]),
                    "from": str(parsed["from"]),
                    "to": str(parsed["to"]),
                    "event": str(parsed["x-linkwatch-event"]),
                    "body": parsed.get_body(preferencelist=("plain",)).get_content(),
                    "mailFrom": envelope.mail_from,
                    "rcptTos": envelope.rcpt_tos,
                    "content": envelope.content.decode("utf-8", "replace"),
                    "authenticated": bool(session.authenticated),
                    "authOverTls": getattr(session, "auth_over_tls", False),
                    "authMechanism": getattr(session, "auth_mechanism", None),
                    "tls": on_tls(server),
                }
                path = os.path.join(mailbox, uuid.uuid4().hex + ".json")
                with open(path + ".tmp", "w") as f:
                    json.dump(record, f)
                os.rename(path + ".tmp", path)
                return "250 OK"

        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        def factory():
            # aiosmtpd only counts STARTTLS as TLS for auth_require_tls; with TLS from the first byte the
            # authenticator above enforces the same rule.
            return Relay(Handler(), hostname="relay.test", loop=loop, authenticator=authenticator, auth_required=True,
                        tls_context=context if mode == "starttls" else None, require_starttls=(mode == "starttls"),
                        auth_require_tls=(mode == "starttls"))
        server = loop.run_until_complete(loop.create_server(factory, "127.0.0.1", 0, ssl=context if mode == "tls" else None))
        print("PORT", server.sockets[0].getsockname()[1], flush=True)
        loop.run_forever()
        """;

    private readonly Process _process;
    private readonly string _dir;

    private SmtpRelay(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }
    public string Mailbox => Path.Combine(_dir, "mailbox");

    public sealed record Received(string Subject, string From, string To, string Event, string Body, string MailFrom, string[] RcptTos, string Content, bool Authenticated, bool AuthOverTls, string? AuthMechanism, bool Tls);

    /// <param name="mode"><c>starttls</c> or <c>tls</c>.</param>
    public static async Task<SmtpRelay> StartAsync(string mode, string certPem, string keyPem)
    {
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} is missing: apt-get install -y python3-aiosmtpd");
        var dir = Directory.CreateTempSubdirectory("linkwatch-smtp-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "mailbox"));
        await File.WriteAllTextAsync(Path.Combine(dir, "relay.py"), Script);
        await File.WriteAllTextAsync(Path.Combine(dir, "cert.pem"), certPem);
        await File.WriteAllTextAsync(Path.Combine(dir, "key.pem"), keyPem);
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(dir, "relay.py"), mode, Path.Combine(dir, "cert.pem"), Path.Combine(dir, "key.pem"), Path.Combine(dir, "mailbox"), User, Password })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // Generous: two shared cores, and Python imports asyncio and aiosmtpd first.
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (line is null || !line.StartsWith("PORT ", StringComparison.Ordinal))
                throw new InvalidOperationException($"aiosmtpd did not start (is python3-aiosmtpd installed?): {line} {await stderr.WaitAsync(TimeSpan.FromSeconds(5))}");
            return new SmtpRelay(process, dir, int.Parse(line[5..], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public List<Received> Messages() =>
        [.. Directory.GetFiles(Mailbox, "*.json").Select(f => JsonSerializer.Deserialize<Received>(File.ReadAllText(f), JsonSerializerOptions.Web)!)];

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        Directory.Delete(_dir, true);
    }
}
