// xwatch: watch the screen for an app window and report, as Unix epoch
// milliseconds, when it is first mapped and when it first shows more than
// <colours> distinct colours (the UI painted, not a blank surface; the same
// test as scripts/smoke.sh). Used by the real-window benchmark
// (frontend/e2e/window-bench.mjs): the start time is taken by its caller just
// before the app is started, so "shown - start" is what the clerk sees.
//
//   xwatch <part of the window's name> [colours] [timeout s] [frame.ppm]
// prints "window <id> <ms>" then "shown <ms>" on stdout; exits 1 on timeout;
// writes the frame it judged shown to frame.ppm when given (to look at).
// Looks for the window every 10 ms; then reads its pixels (every 4th pixel of
// every 4th row) only when the X server reports that something was drawn in it
// (XDamage), so that watching does not slow the app down: polling a 1280×800
// window every few ms made Xvfb, and with it the app, measurably slower.
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xdamage.h>
#include <sys/select.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static long long now_ms(void) {
  struct timeval tv;
  gettimeofday(&tv, NULL);
  return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static void nap(void) {
  struct timespec ts = {0, 10 * 1000 * 1000};
  nanosleep(&ts, NULL);
}

// name returns the window's _NET_WM_NAME (UTF-8; GTK sets it) or NULL; free with XFree.
static char *name(Display *d, Window w) {
  Atom type;
  int format;
  unsigned long n, after;
  unsigned char *v = NULL;
  if (XGetWindowProperty(d, w, XInternAtom(d, "_NET_WM_NAME", False), 0, 1024, False,
                         XInternAtom(d, "UTF8_STRING", False), &type, &format, &n, &after, &v) != Success)
    return NULL;
  return (char *)v;
}

// find returns a viewable window larger than 100×100 whose name contains
// part (Wails' GTK window; a 10×10 helper window has the same name).
static Window find(Display *d, Window w, const char *part) {
  XWindowAttributes a;
  if (XGetWindowAttributes(d, w, &a) && a.map_state == IsViewable && a.width > 100 && a.height > 100) {
    char *n = name(d, w);
    int ok = n && strstr(n, part) != NULL;
    if (n) XFree(n);
    if (ok) return w;
  }
  Window root, parent, *kids = NULL;
  unsigned int n = 0;
  Window found = 0;
  if (XQueryTree(d, w, &root, &parent, &kids, &n)) {
    for (unsigned int i = 0; i < n && !found; i++) found = find(d, kids[i], part);
    if (kids) XFree(kids);
  }
  return found;
}

static int ignore(Display *d, XErrorEvent *e) {
  (void)d;
  (void)e;
  return 0;  // a window can vanish between XQueryTree and the next call
}

// colours counts distinct sampled pixels, up to limit+1.
static int colours(XImage *img, int limit) {
  unsigned long seen[1024];
  int n = 0;
  for (int y = 0; y < img->height; y += 4)
    for (int x = 0; x < img->width; x += 4) {
      unsigned long p = XGetPixel(img, x, y);
      int i;
      for (i = 0; i < n && seen[i] != p; i++) {
      }
      if (i == n) {
        seen[n++] = p;
        if (n > limit || n == 1024) return n;
      }
    }
  return n;
}

static void save(XImage *img, const char *path) {
  FILE *f = fopen(path, "wb");
  if (!f) return;
  fprintf(f, "P6\n%d %d\n255\n", img->width, img->height);
  for (int y = 0; y < img->height; y++)
    for (int x = 0; x < img->width; x++) {
      unsigned long p = XGetPixel(img, x, y);
      unsigned char rgb[3] = {(p >> 16) & 255, (p >> 8) & 255, p & 255};
      fwrite(rgb, 1, 3, f);
    }
  fclose(f);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: xwatch <part of the window name> [colours] [timeout s] [frame.ppm]\n");
    return 2;
  }
  int limit = argc > 2 ? atoi(argv[2]) : 50;
  long long deadline = now_ms() + 1000LL * (argc > 3 ? atoi(argv[3]) : 60);
  Display *d = XOpenDisplay(NULL);
  for (int i = 0; !d && i < 50; i++) {  // a just-started Xvfb may not accept yet
    nap();
    d = XOpenDisplay(NULL);
  }
  if (!d) {
    fprintf(stderr, "xwatch: cannot open display\n");
    return 1;
  }
  XSetErrorHandler(ignore);
  Window w = 0;
  while (!(w = find(d, DefaultRootWindow(d), argv[1]))) {
    if (now_ms() > deadline) return 1;
    nap();
  }
  printf("window 0x%lx %lld\n", w, now_ms());
  fflush(stdout);
  int dev, derr;
  if (!XDamageQueryExtension(d, &dev, &derr)) {
    fprintf(stderr, "xwatch: the X server has no DAMAGE extension\n");
    return 1;
  }
  Damage damage = XDamageCreate(d, w, XDamageReportNonEmpty);
  int fd = ConnectionNumber(d);
  int check = 1;  // look once at the start: it may have painted already
  while (now_ms() < deadline) {
    if (check) {
      XDamageSubtract(d, damage, None, None);
      XWindowAttributes a;
      if (!XGetWindowAttributes(d, w, &a)) return 1;
      XImage *img = XGetImage(d, w, 0, 0, a.width, a.height, AllPlanes, ZPixmap);
      long long t = now_ms();  // the frame was on screen by now
      if (img) {
        int n = colours(img, limit);
        if (n > limit && argc > 4) save(img, argv[4]);
        XDestroyImage(img);
        if (n > limit) {
          printf("shown %lld\n", t);
          fflush(stdout);
          XCloseDisplay(d);
          return 0;
        }
      }
      check = 0;
    }
    // Wait for drawing (or 200 ms, to look again anyway).
    XFlush(d);
    if (!XPending(d)) {
      fd_set fds;
      FD_ZERO(&fds);
      FD_SET(fd, &fds);
      struct timeval tv = {0, 200 * 1000};
      if (select(fd + 1, &fds, NULL, NULL, &tv) == 0) check = 1;
    }
    while (XPending(d)) {
      XEvent e;
      XNextEvent(d, &e);
      if (e.type == dev + XDamageNotify) check = 1;
    }
  }
  return 1;
}
