// The platform every feature stands on: the store's entities and context, the API's request helpers,
// the authorization policies and the live event stream are in nearly every file.
global using Linkwatch.Server.Platform.Auth;
global using Linkwatch.Server.Platform.Http;
global using Linkwatch.Server.Platform.Live;
global using Linkwatch.Server.Platform.Store;
global using Linkwatch.Shared;
global using Microsoft.EntityFrameworkCore;
