global using Linkwatch.Shared;
global using Microsoft.EntityFrameworkCore;
