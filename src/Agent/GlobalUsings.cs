// What most of the agent's files use: the shared contracts, sockets, the one dial path, and logging.
global using System.Net;
global using System.Net.Sockets;
global using Linkwatch.Agent.Net;
global using Linkwatch.Shared;
global using Microsoft.Extensions.Logging;
