# SPDX-License-Identifier: MIT
# Sourced by bench.sh and archive_size.sh: start_nginx WORK PORT ROOT BASE starts nginx as
# a daemon on 127.0.0.1:PORT serving ROOT (static files with ETag and Last-Modified, gzip for
# the XML feeds, keep-alive), its config and state in WORK/nginx, and waits until BASE answers.
# Needs $nginx_bin.
start_nginx() {
    mkdir -p "$1/nginx/tmp"
    cat >"$1/nginx/nginx.conf" <<NGINX
daemon on;
worker_processes 1;
user root;
pid $1/nginx/nginx.pid;
error_log $1/nginx/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $1/nginx/tmp/body;
    proxy_temp_path $1/nginx/tmp/proxy;
    fastcgi_temp_path $1/nginx/tmp/fastcgi;
    uwsgi_temp_path $1/nginx/tmp/uwsgi;
    scgi_temp_path $1/nginx/tmp/scgi;
    sendfile on;
    keepalive_requests 100000;
    etag on;
    gzip on;
    gzip_comp_level 1;
    gzip_min_length 256;
    gzip_types application/rss+xml application/atom+xml application/xml text/xml;
    server { listen 127.0.0.1:$2; root $3; }
}
NGINX
    "$nginx_bin" -p "$1/nginx" -c "$1/nginx/nginx.conf" -e "$1/nginx/error.log"
    for _ in $(seq 50); do curl -fs -o /dev/null "$4/feeds/f0000.xml" && break; sleep 0.1; done
}
