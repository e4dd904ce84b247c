using System.Net;
using System.Net.Sockets;

namespace FinOps.Testing;

/// <summary>A TCP port free on the loopback address right now, for a server a test starts.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
