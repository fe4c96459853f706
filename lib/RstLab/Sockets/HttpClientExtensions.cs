using System.Net.Http;

namespace RstLab.Sockets;

/// <summary>HTTP requests as calls a cell can record: <c>x.Client.Do(() => http.Get("/"), Expect.Returns(200))</c>; each returns the status code, and fails with the socket's errno when the connection does.</summary>
public static class HttpClientExtensions
{
    /// <summary>Sends <c>GET uri</c> (relative to the client's base address) and reads the whole response; returns its status code. Bounded by the client's <see cref="HttpClient.Timeout"/>.</summary>
    public static int Get(this HttpClient http, string uri)
    {
        Guard.NotNull(http);
        return Send(http, new HttpRequestMessage(HttpMethod.Get, Guard.NotBlank(uri)));
    }

    /// <summary>Sends <c>POST uri</c> with <paramref name="body"/> and reads the whole response; returns its status code.</summary>
    public static int Post(this HttpClient http, string uri, byte[] body)
    {
        Guard.NotNull(http);
        Guard.NotBlank(uri);
        Guard.NotNull(body);
        return Send(http, new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) });
    }

    static int Send(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        using (var response = http.Send(request))
        {
            response.Content.ReadAsByteArrayAsync().WaitAsync(http.Timeout).GetAwaiter().GetResult();
            return (int)response.StatusCode;
        }
    }
}
